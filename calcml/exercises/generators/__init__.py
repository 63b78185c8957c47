"""The exercise generators, one module a group of skills.

Every module here registers its skills with :func:`calcml.exercises.model.register`
when imported; this package imports them all, so adding a skill means adding a
generator to a module here (or one new module).
"""

from calcml.exercises.model import import_all

import_all(__name__, __path__)
