"""Alembic's entry point for calcml's store: runs on the connection the store hands over
(``config.attributes["connection"]``), inside the store's own transaction."""

from alembic import context

from calcml.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
