"""A progress bar for long training runs, on stderr, drawn by Rich.

It appears only when the run will take a while and stderr is a terminal: after the first
epoch the time of the whole run is estimated, and below ``LONG_SECONDS`` nothing is drawn
(nor into a pipe or a log file, where a bar would only leave a blank line). It is redrawn at
most ten times a second, so it costs the loop next to nothing.
"""

from __future__ import annotations

import sys
import time

LONG_SECONDS = 3.0
REDRAW_SECONDS = 0.1


class Progress:
    """Epochs done and the current cost, shown only for runs longer than a few seconds.

    >>> bar = Progress(epochs=10)
    >>> bar.update(0, 1.5)
    >>> bar.close()
    """

    def __init__(self, epochs: int) -> None:
        self.epochs = epochs
        self.started = time.perf_counter()
        self.decided = False
        self.bar = None
        self.task = None
        self.next_draw = 0.0

    def update(self, epoch: int, cost: float) -> None:
        """Epoch ``epoch`` (from 0) is done and the cost at its start was ``cost``."""
        if not self.decided:
            self.decided = True
            elapsed = time.perf_counter() - self.started
            if elapsed * self.epochs >= LONG_SECONDS and sys.stderr.isatty():
                self._open()
        if self.bar is None:
            return
        now = time.perf_counter()
        if now >= self.next_draw or epoch + 1 == self.epochs:
            self.next_draw = now + REDRAW_SECONDS
            self.bar.update(self.task, completed=epoch + 1, cost=cost)

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(TextColumn("training"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("epochs  cost {task.fields[cost]:.6g}"),
                                TimeRemainingColumn(), console=Console(stderr=True),
                                transient=True)
        self.task = self.bar.add_task("train", total=self.epochs, cost=float("nan"))
        self.bar.start()

    def close(self) -> None:
        """Take the bar off the screen (if one was drawn)."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
