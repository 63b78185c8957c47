"""Learning-rate schedules: change an optimizer's ``lr`` once per epoch (PyTorch's rule).

``train(..., schedule=...)`` calls ``schedule.step()`` after every epoch; in a loop of
your own, call it once per epoch after ``optimizer.step()``.

>>> from calcml.learn import Line, SGD
>>> opt = SGD(Line().parameters(), lr=0.1)
>>> schedule = StepLR(opt, step_size=2, gamma=0.5)
>>> for _ in range(4):
...     schedule.step()
>>> opt.lr
0.025
"""

from __future__ import annotations

from calcml.errors import InputError
from calcml.learn.optimizers import Optimizer


class Schedule:
    """A rule for the learning rate by epoch; ``epoch`` counts the calls to ``step`` and
    ``base_lr`` is the learning rate the optimizer had when the schedule was made.
    """

    def __init__(self, optimizer: Optimizer, gamma: float) -> None:
        if not isinstance(optimizer, Optimizer):
            raise InputError(f"a schedule changes an optimizer's learning rate; pass the "
                             f"optimizer (e.g. SGD(...)), not {type(optimizer).__name__}")
        if isinstance(gamma, bool) or not isinstance(gamma, int | float) or not gamma > 0:
            raise InputError(f"gamma multiplies the learning rate, so it must be a positive "
                             f"number (below 1 to decay), not {gamma!r}")
        self.optimizer = optimizer
        self.gamma = float(gamma)
        self.base_lr = optimizer.lr
        self.epoch = 0

    @property
    def lr(self) -> float:
        """The optimizer's learning rate now."""
        return self.optimizer.lr

    def step(self) -> None:
        """Advance one epoch: multiply lr by gamma when this rule says so."""
        self.epoch += 1
        if self.decays_now():
            self.optimizer.lr *= self.gamma

    def decays_now(self) -> bool:
        """Whether the learning rate is multiplied by gamma at this epoch."""
        return True


class StepLR(Schedule):
    """Multiply lr by ``gamma`` every ``step_size`` epochs: lr₀ γ^⌊epoch / step_size⌋.

    >>> from calcml.learn import Line, SGD
    >>> StepLR(SGD(Line().parameters(), lr=0.1), step_size=10)
    StepLR(step_size=10, gamma=0.1)
    """

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        super().__init__(optimizer, gamma)
        if isinstance(step_size, bool) or not isinstance(step_size, int) or step_size < 1:
            raise InputError(f"step_size is a whole number of epochs, at least 1, "
                             f"not {step_size!r}")
        self.step_size = step_size

    def decays_now(self) -> bool:
        """Every ``step_size`` epochs."""
        return self.epoch % self.step_size == 0

    def __repr__(self) -> str:
        return f"StepLR(step_size={self.step_size}, gamma={self.gamma:g})"


class ExponentialLR(Schedule):
    """Multiply lr by ``gamma`` every epoch: lr₀ γ^epoch.

    >>> from calcml.learn import Line, SGD
    >>> ExponentialLR(SGD(Line().parameters(), lr=0.1), gamma=0.9)
    ExponentialLR(gamma=0.9)
    """

    def __repr__(self) -> str:
        return f"ExponentialLR(gamma={self.gamma:g})"
