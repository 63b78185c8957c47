"""Practice: skills, generated exercises, answers checked by equivalence, mistakes named.

>>> from calcml.exercises import check
>>> task = {"kind": "value", "problem": "secant-slope", "expr": "x^2 + 2x + 2", "p": 2, "q": 5}
>>> check(task, "9").correct
True
"""

from calcml.exercises.checking import check
from calcml.exercises.model import (
    Exercise,
    Feedback,
    Mistake,
    Skill,
    catalogue,
    generate,
    get_skill,
    on_first_read,
    skills,
)


def _import_registrants() -> None:
    """The task kinds, the buggy rules (which name the kinds) and the generators: each
    module of the three packages registers itself with the model on import."""
    from calcml.exercises import generators, kinds, mistakes  # noqa: F401


on_first_read(_import_registrants)

__all__ = ["Exercise", "Feedback", "Mistake", "Skill", "catalogue", "check", "generate",
           "get_skill", "skills"]
