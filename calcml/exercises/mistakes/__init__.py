"""The catalogue of buggy rules, one module a family of tasks.

Every module here registers its rules with
:func:`calcml.exercises.model.register_mistake` when imported; this package imports them
all (after the task kinds they name).
"""

from calcml.exercises import kinds  # noqa: F401 - the kinds first: mistakes name them
from calcml.exercises.model import import_all

import_all(__name__, __path__)
