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
    skills,
)

__all__ = ["Exercise", "Feedback", "Mistake", "Skill", "catalogue", "check", "generate",
           "get_skill", "skills"]
