"""Practice: skills, generated exercises, answers checked by equivalence, mistakes named.

>>> from calcml.exercises import skills
>>> len(skills()) >= 24
True
"""

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

__all__ = ["Exercise", "Feedback", "Mistake", "Skill", "catalogue", "generate", "get_skill",
           "skills"]
