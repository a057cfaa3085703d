"""Persistence: SQLAlchemy models, the engine with SQLite pragmas, migrations and the repository."""

from kratom_quiz.storage.engine import Database

__all__ = ["Database"]
