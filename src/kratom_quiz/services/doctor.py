"""What ``kratom-quiz doctor`` reports about the database, read without changing a byte of it.

Opening the database for study migrates it; a diagnosis must not, so this reads the schema revision and,
when the schema is this version's, each learner's theme and time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from kratom_quiz.domain.study import LearnerSettings
from kratom_quiz.storage import Database, migrate, repository


@dataclass(frozen=True, slots=True)
class DatabaseReport:
    """The state of the database in use."""

    revision: str | None = None
    """The schema revision recorded in it; None when it has no kratom-quiz schema (yet)."""
    problem: str | None = None
    """Why it could not be read, or None."""
    learners: list[tuple[str, LearnerSettings]] = field(default_factory=list)


def inspect_database(url: str) -> DatabaseReport:
    """The schema revision and learners of the database at ``url`` (nothing is created or migrated)."""
    from kratom_quiz.errors import UserError
    from kratom_quiz.services.core import _sqlite_file
    from kratom_quiz.storage.guard import Verdict, inspect_file

    try:
        path = _sqlite_file(url)
        if path is not None:  # checked read-only first, as the app does: a refused file is not opened
            inspection = inspect_file(path)
            if inspection.verdict is Verdict.NEW:
                problem = "not created yet (the app makes it on first start)" if not path.exists() else None
                return DatabaseReport(problem=problem)
    except UserError as exc:
        return DatabaseReport(problem=str(exc))
    try:
        db = Database(url)
    except (SQLAlchemyError, ImportError) as exc:
        return DatabaseReport(problem=f"cannot open it: {exc}")
    try:
        with db.engine.connect() as conn:
            revision = migrate.current_revision(conn)
        if revision != migrate.HEAD_REVISION:
            return DatabaseReport(revision=revision)
        with db.read() as s:
            learners = [(x.name, repository.get_settings(s, x.id)) for x in repository.list_learners(s)]
        return DatabaseReport(revision=revision, learners=learners)
    except SQLAlchemyError as exc:
        return DatabaseReport(problem=f"cannot read it: {getattr(exc, 'orig', None) or exc}")
    finally:
        db.close()
