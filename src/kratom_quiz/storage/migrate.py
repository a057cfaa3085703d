"""Schema migrations, run programmatically at start: no alembic.ini, works from an installed wheel."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.exc import DatabaseError

from kratom_quiz.errors import UserError
from kratom_quiz.storage.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped in this package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty one."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, where: str) -> None:
    """Bring the schema to the newest revision; refuse (untouched) a database from a newer app version.

    Args:
        db: The database to migrate.
        where: How to name the database in messages (its file, or its URL).
    """
    script = ScriptDirectory.from_config(alembic_config())
    try:
        with db.engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            revision = current_revision(conn)
            conn.rollback()
    except DatabaseError as exc:
        raise UserError(f"{where} is not a kratom-quiz database (or it is damaged): {exc.orig}") from exc
    if tables and "alembic_version" not in tables:
        raise UserError(f"{where} is a database of another program (no kratom-quiz schema); refusing it")
    known = {rev.revision for rev in script.walk_revisions()}
    if revision is not None and revision not in known:
        raise UserError(
            f"{where} was written by a newer version of kratom-quiz (schema {revision}); "
            "upgrade kratom-quiz to open it"
        )
    if revision == script.get_current_head():
        return
    cfg = alembic_config()
    try:
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except DatabaseError as exc:
        raise UserError(f"could not update the schema of {where}: {exc.orig}") from exc
