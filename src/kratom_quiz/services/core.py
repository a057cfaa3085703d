"""Opening the database, deck sync, learners and their settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from kratom_quiz.clock import utc_now
from kratom_quiz.domain.model import Deck
from kratom_quiz.domain.study import Learner, LearnerSettings, SyncReport, learner_name, settings_problem
from kratom_quiz.errors import UserError
from kratom_quiz.storage import Database, deckfiles, migrate, repository

SQLITE_MAGIC = b"SQLite format 3\x00"


def _sqlite_file(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UserError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _check_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not SQLite or has no kratom-quiz schema we can read."""
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    if magic != SQLITE_MAGIC:
        raise UserError(f"{path} is not a kratom-quiz database (not an SQLite file)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{path} is damaged or not a database: {exc}") from exc


def open_database(url: str, *, fuzz: bool = True) -> Database:
    """Open (creating it and its folder if needed) and migrate the database at ``url``.

    Args:
        url: A SQLAlchemy URL; the embedded default is a SQLite file.
        fuzz: Whether scheduling adds FSRS's random fuzz to intervals (tests turn it off).

    Raises:
        UserError: the file is not a kratom-quiz database, is damaged, or was written by a newer version.
    """
    path = _sqlite_file(url)
    where = str(path) if path is not None else url
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the folder for {path}: {exc.strerror}") from exc
        _check_file(path)
    try:
        db = Database(url)
    except ImportError as exc:
        driver = exc.name or "its driver"
        raise UserError(
            f"cannot open {_shown(url)}: the database driver '{driver}' is not installed"
        ) from None
    db.fuzz = fuzz
    try:
        migrate.upgrade(db, where)
    except DBAPIError as exc:
        db.close()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise UserError(f"cannot open {_shown(where)}: {reason}") from None
    except BaseException:
        db.close()
        raise
    return db


def _shown(url: str) -> str:
    """A database URL fit to print: any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def sync_decks(db: Database, decks: Sequence[Deck], *, archive_missing: bool = True) -> SyncReport:
    """Bring the store's decks in line with the deck files, in one transaction.

    Args:
        db: The database.
        decks: Every deck the files hold.
        archive_missing: Archive decks the store has but ``decks`` lacks (off when some file failed to load).
    """
    with db.write() as s:
        report = repository.sync_decks(s, decks, archive_missing=archive_missing)
        deckfiles.save_sources(s, decks)  # the TUI's source lines read them from the store
        return report


def list_learners(db: Database) -> list[Learner]:
    with db.read() as s:
        return repository.list_learners(s)


def add_learner(db: Database, name: str) -> Learner:
    name = _clean_name(name)
    with db.write() as s:
        return repository.add_learner(s, name, utc_now())


def rename_learner(db: Database, learner_id: int, new_name: str) -> Learner:
    new_name = _clean_name(new_name)
    with db.write() as s:
        return repository.rename_learner(s, learner_id, new_name)


def remove_learner(db: Database, learner_id: int) -> None:
    """Delete a learner and all their progress and history (the CLI asks first)."""
    with db.write() as s:
        repository.remove_learner(s, learner_id)


def find_learner(db: Database, name: str) -> Learner:
    with db.read() as s:
        learner = repository.find_learner(s, name)
    if learner is None:
        raise UserError(f"no learner named {name!r}")
    return learner


def get_settings(db: Database, learner_id: int) -> LearnerSettings:
    with db.read() as s:
        return repository.get_settings(s, learner_id)


def save_settings(db: Database, learner_id: int, settings: LearnerSettings) -> None:
    _validate(settings)
    with db.write() as s:
        repository.save_settings(s, learner_id, settings)


def _validate(st: LearnerSettings) -> None:
    problem = settings_problem(st)
    if problem is not None:
        raise UserError(problem)


def _clean_name(name: str) -> str:
    try:
        return learner_name(name)
    except ValueError as exc:
        raise UserError(str(exc)) from None
