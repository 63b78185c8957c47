"""Progress kept in a real database: learners, their attempts, their per-skill state.

SQLAlchemy 2 with Alembic migrations (shipped in ``calcml/store/migrations`` and run on
open); SQLite in the user's data directory by default, PostgreSQL when
``CALCML_DATABASE_URL`` or an explicit URL names one. The store knows nothing of
exercises or of how mastery is computed: ``calcml.exercises.mastery`` decides the state,
the store keeps it safely.

>>> import tempfile
>>> store = open_store(f"sqlite:///{tempfile.mkdtemp()}/calcml.db")
>>> store.learner("ada").name
'ada'
>>> store.close()
"""

from calcml.store.engine import ENV_VAR, default_url, resolve_url
from calcml.store.store import Attempt, Learner, SkillState, Store, Update, open_store

__all__ = ["ENV_VAR", "Attempt", "Learner", "SkillState", "Store", "Update", "default_url",
           "open_store", "resolve_url"]
