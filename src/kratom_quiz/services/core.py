"""Opening the database, deck sync, learners and their settings."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from kratom_quiz.clock import utc_now
from kratom_quiz.domain.model import Deck
from kratom_quiz.domain.study import Learner, LearnerSettings, SyncReport, learner_name, settings_problem
from kratom_quiz.domain.studyday import StudyClock, local_zone
from kratom_quiz.errors import UserError
from kratom_quiz.paths import default_db_path
from kratom_quiz.storage import Database, classroom, deckfiles, dues, guard, migrate, repository
from kratom_quiz.storage.retry import retry_conflicts


def _sqlite_file(url: str) -> Path | None:
    if "://" not in url:
        raise UserError(f"not a database URL: {url!r} (for a file, write sqlite:///{url})")
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UserError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def open_database(url: str, *, fuzz: bool = True) -> Database:
    """Open (creating it and its folder if needed) and migrate the database at ``url``.

    Args:
        url: A SQLAlchemy URL; the embedded default is a SQLite file.
        fuzz: Whether scheduling adds FSRS's random fuzz to intervals (tests turn it off).

    Raises:
        UserError: the file is not a kratom-quiz database, is damaged, or was written by a newer version.
    """
    path = _sqlite_file(url)
    where = str(path) if path is not None else _shown(url)  # never a password in a message
    if path is not None:
        _prepare_folder(path)
        found = guard.inspect_file(path)
        if found.verdict is guard.Verdict.OURS:
            if not os.access(path, os.W_OK):
                raise UserError(f"{path} is read-only; kratom-quiz saves answers in it: make it writable")
            from kratom_quiz.services import safety

            safety.backup_on_open(path, found.revision, utc_now())
    try:
        db = Database(url)
    except NoSuchModuleError:
        scheme = url.split("://", 1)[0]
        raise UserError(
            f"unknown database URL scheme {scheme!r} in {_shown(url)} (use sqlite:/// or postgresql+psycopg://)"
        ) from None
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


def _prepare_folder(path: Path) -> None:
    """Create the default data folder on first use; any other folder must exist (a typo is no new folder)."""
    if path.parent.is_dir():
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise UserError(
                f"cannot write in {path.parent}: kratom-quiz needs to keep its files beside {path.name}"
            )
        return
    if path.resolve() != default_db_path().resolve():
        raise UserError(f"no such folder: {path.parent} (for --db {path})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder for {path}: {exc.strerror}") from exc


def _shown(url: str) -> str:
    """A database URL fit to print: any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


@retry_conflicts
def sync_decks(db: Database, decks: Sequence[Deck], *, archive_missing: bool = True) -> SyncReport:
    """Bring the store's decks in line with the deck files, in one transaction.

    Args:
        db: The database.
        decks: Every deck the files hold.
        archive_missing: Archive decks the store has but ``decks`` lacks (off when some file failed to load).

    A classroom learner's login may not change the decks (the class owner syncs them): then nothing is
    synced and the report is empty, so that studying from a folder of decks works as before.
    """
    if not db.is_sqlite and not classroom.may_change_decks(db.engine):
        return SyncReport()
    with db.write() as s:
        report = repository.sync_decks(s, decks, archive_missing=archive_missing)
        # The sources and short forms go with the cards: a class's learners read them from the store.
        deckfiles.save_headers(s, decks)
    if report.added:
        db.refresh_statistics()
    return report


def list_learners(db: Database) -> list[Learner]:
    with db.read() as s:
        return repository.list_learners(s)


@retry_conflicts
def add_learner(db: Database, name: str) -> Learner:
    name = _clean_name(name)
    with db.write() as s:
        learner = repository.add_learner(s, name, utc_now())
    db.refresh_statistics()
    return learner


@retry_conflicts
def rename_learner(db: Database, learner_id: int, new_name: str) -> Learner:
    new_name = _clean_name(new_name)
    with db.write() as s:
        return repository.rename_learner(s, learner_id, new_name)


@retry_conflicts
def remove_learner(db: Database, learner_id: int) -> str | None:
    """Delete a learner and all their progress and history (the CLI asks first).

    In a class on PostgreSQL their login role is dropped too (its name is returned); there only the
    owner's and the teacher's logins may remove a learner.
    """
    with db.write() as s:
        if not db.is_sqlite and classroom.installed(s.connection()):
            return classroom.remove_learner(s.connection(), learner_id)
        repository.remove_learner(s, learner_id)
        return None


def find_learner(db: Database, name: str) -> Learner:
    with db.read() as s:
        learner = repository.find_learner(s, name)
    if learner is None:
        raise UserError(f"no learner named {name!r}")
    return learner


def get_settings(db: Database, learner_id: int) -> LearnerSettings:
    with db.read() as s:
        return repository.get_settings(s, learner_id)


@retry_conflicts
def save_settings(db: Database, learner_id: int, settings: LearnerSettings) -> None:
    _validate(settings)
    with db.write() as s:
        before = repository.get_settings(s, learner_id)
        repository.save_settings(s, learner_id, settings)
        if (before.timezone, before.day_start_hour) != (settings.timezone, settings.day_start_hour):
            old = StudyClock(local_zone(before.timezone), before.day_start_hour)
            new = StudyClock(local_zone(settings.timezone), settings.day_start_hour)
            dues.reanchor(s, learner_id, old, new)


def _validate(st: LearnerSettings) -> None:
    problem = settings_problem(st)
    if problem is not None:
        raise UserError(problem)


def _clean_name(name: str) -> str:
    try:
        return learner_name(name)
    except ValueError as exc:
        raise UserError(str(exc)) from None
