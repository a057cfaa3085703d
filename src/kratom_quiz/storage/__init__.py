"""Persistence: SQLAlchemy models, the engine with SQLite pragmas, migrations and the repository.

``Database`` is loaded on first use, so that the SQLAlchemy-free modules here (``quick``, ``revisions``)
can be imported on the start path without paying for SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kratom_quiz.storage.engine import Database

__all__ = ["Database"]


def __getattr__(name: str) -> Any:
    if name == "Database":
        from kratom_quiz.storage.engine import Database

        return Database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
