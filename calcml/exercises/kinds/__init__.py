"""Task kinds: how answers to each kind of task are read, solved and compared.

Every module here registers its kinds with :func:`calcml.exercises.model.register_kind`
when imported; this package imports them all, so adding a kind means adding one file.
"""

from calcml.exercises.model import import_all

import_all(__name__, __path__)
