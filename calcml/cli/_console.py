"""The terminal side of ``calcml practice`` and ``calcml progress``: Rich panels, the answer
prompt, verdicts and the progress table. Loaded when those commands run, so that
``calcml --help`` pays nothing for Rich (``calcml.cli`` imports no ``_``-module itself).
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from calcml.errors import CalcmlError

if TYPE_CHECKING:
    from calcml.exercises import Exercise
    from calcml.exercises.mastery import Choice, SkillProgress
    from calcml.exercises.practice import Outcome, Practice

HELP = "Type your answer and press Enter.  ? a hint   s the worked solution   q quit"
REASONS = {"review": "review: due again", "learn": "practise", "ahead": "review ahead"}


def run(session: Practice, where: str, scope: str | None) -> None:
    """The practice loop: an exercise, the learner's answers, until q, Ctrl-D or Ctrl-C."""
    console = Console(highlight=False)
    console.print(f"Practising as [bold]{session.learner.name}[/]; every answer is "
                  f"saved in {where}.")
    console.print(HELP, style="dim")
    answered = right = 0
    try:
        while True:
            outcome = _exercise(console, session, session.next_exercise(scope))
            if outcome is not None:
                answered, right = answered + 1, right + outcome.feedback.correct
    except (EOFError, KeyboardInterrupt, _Quit):
        console.print()
    _goodbye(console, session.learner.name, answered, right)


def progress(rows: list[SkillProgress], now: datetime, name: str, found: bool) -> None:
    """The progress table, and where to start when the learner has no answers yet."""
    console = Console(highlight=False)
    console.print(_table(rows, now, f"Progress of {name}"))
    if not found:
        console.print(f"No answers from {name} yet: start with  calcml practice "
                      f"--learner {name}")


def percent(p: float) -> str:
    """A mastery probability as a bar and a percentage.

    >>> percent(0.6)
    '██████░░░░  60%'
    """
    filled = round(p * 10)
    return f"{'█' * filled}{'░' * (10 - filled)} {round(p * 100):3d}%"


def _date(when: datetime) -> str:
    return f"{when.day} {when:%b %Y}"


class _Quit(Exception):
    """The learner typed q."""


def _exercise(console: Console, session: Practice, exercise: Exercise) -> Outcome | None:
    """Show one exercise and read answers until one is recorded (or the solution is
    asked for: then nothing is recorded and ``None`` comes back)."""
    _show(console, session.choice, exercise, session)
    hints = iter(enumerate(exercise.hints, 1))
    while True:
        text = console.input("[bold]answer>[/] ").strip()
        if text.lower() in ("q", "quit", "exit"):
            raise _Quit
        if text == "?":
            number, hint = next(hints, (0, ""))
            console.print(Text(f"Hint {number} of {len(exercise.hints)}: {hint}" if number
                               else "No more hints: type s to see the worked solution.",
                               style="cyan"))
        elif text.lower() == "s":
            _solution(console, exercise)
            console.print("This exercise is not counted: here is a new one.", style="dim")
            return None
        elif not text:
            console.print(HELP, style="dim")
        else:
            try:
                outcome = session.answer(exercise, text)
            except CalcmlError as err:
                _say(console, f"That answer could not be checked: {err}", "yellow")
                continue
            if outcome.recorded:
                _verdict(console, exercise, outcome)
                return outcome
            _say(console, outcome.feedback.message, "yellow")
            console.print("That answer was not judged, so it does not count; "
                          "try again.", style="dim")


def _show(console: Console, choice: Choice | None, exercise: Exercise,
          session: Practice) -> None:
    skill = choice.skill if choice else None
    states = session.states()
    p = states[exercise.skill].p_mastery if exercise.skill in states else session.bkt.p_init
    reason = REASONS.get(choice.reason, "") if choice else ""
    title = (f"Lesson {skill.lesson} · {skill.title}" if skill else exercise.skill)
    console.print(Rule(style="dim"))
    console.print(Panel(Text(exercise.prompt.text), title=title, title_align="left",
                        subtitle=f"{reason} · level {exercise.level} · mastery "
                        f"{round(p * 100)}%", subtitle_align="right", expand=False))


def _verdict(console: Console, exercise: Exercise, outcome: Outcome) -> None:
    feedback = outcome.feedback
    if feedback.correct:
        _say(console, f"✓ {feedback.message}", "bold green")
    else:
        _say(console, f"✗ {feedback.message}", "bold red")
        if feedback.mistake:
            from calcml.exercises import catalogue

            titles = {m.id: m.title for m in catalogue()}
            _say(console, f"  The mistake: {titles.get(feedback.mistake, '')} "
                 f"({feedback.mistake}).", "red")
        if feedback.step:
            _say(console, f"  Where it goes wrong: {feedback.step}", "red")
        _say(console, f"  The right answer: {exercise.answer_text}")
        _solution(console, exercise)
    console.print(_mastery_line(outcome))


def _say(console: Console, text: str, style: str = "") -> None:
    """Print ``text`` wrapped to the terminal, continuing under its own indent."""
    console.print(Text(_wrap(text, console.width), style=style, no_wrap=True))


def _mastery_line(outcome: Outcome) -> Text:
    line = Text(f"Mastery of {outcome.skill.title[0].lower()}{outcome.skill.title[1:]}: "
                f"{round(outcome.before * 100)}% → {round(outcome.after * 100)}%  "
                f"{percent(outcome.after)[:10]}")
    if outcome.newly_mastered and outcome.due:
        line.append(f"  Mastered! First review on {_date(outcome.due)}.", style="bold green")
    elif outcome.mastered and outcome.due:
        line.append(f"  Mastered; next review on {_date(outcome.due)}.", style="green")
    return line


def _solution(console: Console, exercise: Exercise) -> None:
    try:
        solution = exercise.solution()
    except CalcmlError as err:
        console.print(Text(f"The worked solution could not be built: {err}", style="yellow"))
        return
    text = solution.to_text() if hasattr(solution, "to_text") else str(solution)
    console.print(Panel(Text(_wrap(text, min(console.width, 100) - 4), no_wrap=True),
                        title="Worked solution", title_align="left", border_style="blue"))


def _wrap(text: str, width: int) -> str:
    """Wrap each line to ``width``, continuing under its own indent (steps stay nested)."""
    lines = []
    for line in text.splitlines():
        indent = " " * (len(line) - len(line.lstrip()))
        lines.append(textwrap.fill(line, width=width, subsequent_indent=indent,
                                   break_on_hyphens=False) if line.strip() else "")
    return "\n".join(lines)


def _goodbye(console: Console, name: str, answered: int, right: int) -> None:
    console.print(f"Saved: {answered} answer{'s' * (answered != 1)} this session, "
                  f"{right} right.\nSee your progress with: calcml progress --learner {name}")


def _table(rows: list[SkillProgress], now: datetime, title: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for column, justify in (("Lesson", "right"), ("Skill", "left"), ("Mastery", "left"),
                            ("Right", "right"), ("Status", "left")):
        table.add_column(column, justify=justify, no_wrap=column != "Status")
    for row in rows:
        status = row.status(now)
        if status == "mastered" and row.due is not None:
            status = f"mastered, review {_date(row.due)}"
        table.add_row(str(row.skill.lesson), row.skill.id,
                      percent(row.p_mastery) if row.attempts else "           –",
                      f"{row.correct}/{row.attempts}", status)
    return table
