"""Schema migrations, run programmatically at start: no alembic.ini, works from an installed wheel.

Alembic costs about a third of a second to import, so it is loaded only when the database actually needs an
upgrade: a database already at ``HEAD_REVISION`` is recognised with one cheap query.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DatabaseError

from kratom_quiz.errors import UserError
from kratom_quiz.storage import faults
from kratom_quiz.storage.engine import Database
from kratom_quiz.storage.guard import APPLICATION_ID
from kratom_quiz.storage.revisions import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["HEAD_REVISION", "KNOWN_REVISIONS", "alembic_config", "current_revision", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped in this package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty one."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(db: Database, where: str) -> None:
    """Bring the schema to the newest revision; refuse (untouched) a database from a newer app version.

    Args:
        db: The database to migrate.
        where: How to name the database in messages (its file, or its URL).
    """
    try:
        with db.engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            revision = current_revision(conn) if "alembic_version" in tables else None
            conn.rollback()
    except DatabaseError as exc:
        fault = faults.user_error(exc, where)
        if fault is not None:
            raise fault from None
        raise UserError(f"{where} is not a kratom-quiz database (or it is damaged): {exc.orig}") from exc
    if tables and "alembic_version" not in tables:
        raise UserError(f"{where} is a database of another program (no kratom-quiz schema); refusing it")
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise UserError(
            f"{where} was written by a newer version of kratom-quiz (schema {revision}); "
            "upgrade kratom-quiz to open it"
        )
    if revision != HEAD_REVISION:
        from alembic import command

        cfg = alembic_config()
        try:
            with db.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except DatabaseError as exc:
            fault = faults.user_error(exc, where)
            raise fault or UserError(f"could not update the schema of {where}: {exc.orig}") from None
    if db.is_sqlite:
        _stamp_application_id(db)


def _stamp_application_id(db: Database) -> None:
    """Mark the file as ours in its header, so that it is recognised before any table is read."""
    with db.engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA application_id").scalar() != APPLICATION_ID:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.commit()
