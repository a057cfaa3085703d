"""Alembic environment: runs on the connection handed over by ``storage.migrate`` (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from kratom_quiz.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
