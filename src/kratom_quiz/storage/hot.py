"""The hot path's connection: SQLAlchemy Core statements compiled once per dialect, run on the driver.

Recording an answer and showing the next card happen thousands of times a day; SQLAlchemy's session and
execution layers cost several times the SQL itself there. So the hot path keeps one driver connection of its
own and runs on it the same Core statements the rest of the store uses, compiled once for the engine's
dialect (SQLite's ``qmark`` or a server's named style alike). It also tells the services whether anyone else
wrote to the database since it last looked (SQLite's ``PRAGMA data_version``, which counts the commits of
every other connection, in this process or another): caches built from the database stay right because they
are dropped whenever it changed under them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.sql import Executable

Params = Mapping[str, Any]


def _to_sqlite(value: Any) -> Any:
    """A bind value as the store writes it on SQLite (UTCDateTime: naive UTC text with microseconds)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass a tz-aware UTC datetime")
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _to_server(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass a tz-aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def utc(value: Any) -> datetime | None:
    """A datetime column's value as read on the driver connection: tz-aware UTC (None stays None)."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Compiled:
    """One statement's SQL for a dialect, and how to turn named values into the driver's parameters."""

    __slots__ = ("constants", "names", "positional", "sql")

    def __init__(self, statement: Executable, engine: Engine) -> None:
        dialect = engine.dialect
        compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
        self.sql: str = compiled.string
        self.positional: bool = dialect.positional
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        given = {name for name, bind in compiled.binds.items() if bind.required}
        self.constants: dict[str, Any] = {k: v for k, v in compiled.params.items() if k not in given}


class HotConnection:
    """A driver connection kept for the hot path; use ``write()`` / ``read()`` around its statements."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._proxy = engine.raw_connection()
        conn = self._proxy.driver_connection
        assert conn is not None
        self._conn: Any = conn
        self.is_sqlite = engine.dialect.name == "sqlite"
        database = engine.url.database
        # On a server, or an in-memory SQLite shared with the pool, nothing tells us of other writers:
        # the caches are then rebuilt for every action (correct, only slower).
        self.tracks_changes = self.is_sqlite and database not in (None, "", ":memory:")
        self._convert = _to_sqlite if self.is_sqlite else _to_server
        self._compiled: dict[int, Compiled] = {}
        self._seen_version: int | None = None
        self.lock = threading.RLock()  # the TUI answers from worker threads: one action at a time

    def _prepare(self, statement: Executable, params: Params) -> tuple[str, Any]:
        found = self._compiled.get(id(statement))
        if found is None:
            found = self._compiled[id(statement)] = Compiled(statement, self._engine)
        convert = self._convert
        if found.positional:
            merged = {**found.constants, **params}
            return found.sql, tuple(convert(merged[n]) for n in found.names)
        return found.sql, {k: convert(v) for k, v in {**found.constants, **params}.items()}

    def execute(self, statement: Executable, params: Params) -> Any:
        """Run one statement; returns the driver's cursor."""
        sql, values = self._prepare(statement, params)
        return self._conn.execute(sql, values) if self.is_sqlite else self._cursor_execute(sql, values)

    def _cursor_execute(self, sql: str, values: Any) -> Any:
        cursor = self._conn.cursor()
        cursor.execute(sql, values)
        return cursor

    def executemany(self, statement: Executable, rows: Sequence[Params]) -> None:
        if not rows:
            return
        sql, _ = self._prepare(statement, rows[0])
        prepared = [self._prepare(statement, r)[1] for r in rows]
        self._conn.cursor().executemany(sql, prepared)

    def changed(self) -> bool:
        """Whether another connection committed since the last call (always True when we cannot tell)."""
        if not self.tracks_changes:
            return True
        version: int = self._conn.execute("PRAGMA data_version").fetchone()[0]
        seen, self._seen_version = self._seen_version, version
        return seen != version

    @contextmanager
    def write(self) -> Iterator[HotConnection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite): committed on success, else rolled back."""
        with self.lock:
            if self.is_sqlite:
                self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self._conn.rollback()
                raise
            self._conn.commit()

    @contextmanager
    def read(self) -> Iterator[HotConnection]:
        """One read transaction: one snapshot for every statement in it."""
        with self.lock:
            if self.is_sqlite:
                self._conn.execute("BEGIN")
            try:
                yield self
            finally:
                self._conn.rollback()

    def close(self) -> None:
        self._proxy.close()
