"""The database handle: an engine with SQLite pragmas and sessions for reading and for writing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from kratom_quiz.storage.hot import HotConnection

_BEGIN_OPTION = "kratom_quiz_begin"

SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=5000",
)


def _install_sqlite_hooks(engine: Engine) -> None:
    """Pragmas on every connection, and BEGIN emitted by us rather than by the sqlite3 driver.

    On Python 3.11 the driver's legacy transaction control begins late (at the first write) and ignores
    ``PRAGMA foreign_keys`` inside its implicit transaction, so we switch it off and emit BEGIN ourselves:
    ``BEGIN IMMEDIATE`` for writing sessions, so that a read-then-update never loses another process's
    update, and a plain (deferred) BEGIN for reading ones.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "")
        conn.exec_driver_sql(f"BEGIN {mode}".rstrip())


class Database:
    """An engine and its two session factories: ``read()`` and ``write()`` each run one transaction."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.fuzz = True  # FSRS interval fuzz; tests switch it off for repeatable intervals
        self.engine = create_engine(url, echo=echo)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            _install_sqlite_hooks(self.engine)
        writer: Engine = (
            self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"}) if self.is_sqlite else self.engine
        )
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._hot: HotConnection | None = None
        self.study_cache: dict[Any, Any] = {}
        """What the study use cases keep between calls (valid while ``hot().changed()`` says so)."""

    def hot(self) -> HotConnection:
        """The hot path's own driver connection (opened on first use)."""
        if self._hot is None:
            self._hot = HotConnection(self.engine)
        return self._hot

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session in a read transaction (deferred BEGIN)."""
        with self._read.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a write transaction (BEGIN IMMEDIATE on SQLite); commits on success."""
        with self._write.begin() as session:
            yield session

    def close(self) -> None:
        """Close the hot connection and every pooled connection."""
        if self._hot is not None:
            self._hot.close()
            self._hot = None
        self.study_cache.clear()
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
