"""The hot path's connection: SQLAlchemy Core statements compiled once per dialect, run on the driver.

Recording an answer and showing the next card happen thousands of times a day; SQLAlchemy's session and
execution layers cost several times the SQL itself there. So the hot path keeps one driver connection of its
own and runs on it the same Core statements the rest of the store uses, compiled once for the engine's
dialect (SQLite's ``qmark`` or a server's named style alike). It also tells the services whether anyone else
wrote to the database since it last looked (SQLite's ``PRAGMA data_version``, which counts the commits of
every other connection, in this process or another): caches built from the database stay right because they
are dropped whenever it changed under them. A server has no such count: there ``storage.versions`` reads the
per-learner counters its triggers keep.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.sql import Executable

Params = Mapping[str, Any]

_BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ"


def _to_sqlite(value: Any) -> Any:
    """A bind value as the store writes it on SQLite (UTCDateTime: naive UTC text with microseconds)."""
    if isinstance(value, datetime):
        if value.tzinfo is not UTC:
            if value.tzinfo is None:
                raise ValueError("naive datetime given to the database; pass a tz-aware UTC datetime")
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None).isoformat(" ", "microseconds")  # as strftime, 3 times faster
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
        plain = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
        given = {name for name, bind in plain.binds.items() if bind.required}  # what callers pass
        self.positional: bool = dialect.positional
        if "POSTCOMPILE" not in plain.string:
            self.sql: str = plain.string
            self.names: tuple[str, ...] = tuple(plain.positiontup or ())
            self.constants: dict[str, Any] = {k: v for k, v in plain.params.items() if k not in given}
            return
        # `IN` lists of constants are rendered at execution time; with a stand-in for each given parameter
        # (which stays a placeholder) they are rendered now, once (as storage.quickgen does).
        standing_in = statement.params(dict.fromkeys(given, 0))  # type: ignore[attr-defined]
        expanded = standing_in.compile(dialect=dialect).construct_expanded_state()
        self.sql = expanded.statement
        self.names = tuple(expanded.positiontup or ())
        self.constants = {k: v for k, v in expanded.parameters.items() if k not in given}


_COMPILED: dict[tuple[str, int], Compiled] = {}


def prepared(statement: Executable, engine: Engine, params: Params) -> tuple[str, Any]:
    """The statement's SQL for the engine's dialect (compiled once) and the driver's parameters for it."""
    key = (engine.dialect.name, id(statement))
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = Compiled(statement, engine)
    convert = _to_sqlite if engine.dialect.name == "sqlite" else _to_server
    if found.positional:
        consts = found.constants
        return found.sql, tuple(convert(params[n] if n in params else consts[n]) for n in found.names)
    return found.sql, {k: convert(v) for k, v in {**found.constants, **params}.items()}


def run(conn: Connection, statement: Executable, params: Params) -> Any:
    """Run a statement on the driver connection under a SQLAlchemy connection (in its transaction).

    For statements SQLAlchemy cannot cache (a VALUES table of bound windows is compiled afresh on every
    call, 30 ms for 64 windows): compiled once here instead. Returns the driver's cursor.
    """
    sql, values = prepared(statement, conn.engine, params)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(sql, values)
    return cursor


def run_many(conn: Connection, statement: Executable, rows: Sequence[Params]) -> None:
    """Run a statement once per row with the driver's ``executemany`` (bulk writes of a cold path)."""
    if not rows:
        return
    sql, _ = prepared(statement, conn.engine, rows[0])
    found = _COMPILED[(conn.engine.dialect.name, id(statement))]
    convert = _to_sqlite if conn.engine.dialect.name == "sqlite" else _to_server
    consts, names = found.constants, found.names
    values: list[Any]
    if found.positional:  # the common case, written out: this runs once per value of a bulk write
        values = [
            tuple(
                convert(v) if isinstance(v, datetime) else v
                for v in (r[n] if n in r else consts[n] for n in names)
            )
            for r in rows
        ]
    else:
        values = [prepared(statement, conn.engine, r)[1] for r in rows]
    conn.connection.driver_connection.cursor().executemany(sql, values)  # type: ignore[union-attr]


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
        # An in-memory SQLite shared with the pool has nothing to tell us of other writers: the caches are
        # then rebuilt for every action (correct, only slower). A server counts changes per learner
        # instead (storage.versions).
        self.tracks_changes = self.is_sqlite and database not in (None, "", ":memory:")
        self._seen_version: int | None = None
        self.lock = threading.RLock()  # the TUI answers from worker threads: one action at a time
        self._psycopg = engine.dialect.driver == "psycopg"
        self._pipelines = False
        if self._psycopg:
            # Transactions are begun by us, not by the driver: psycopg would wait for its BEGIN on its own
            # round trip, where ours goes with the first statement (``write``).
            conn.autocommit = True
            from psycopg import Pipeline  # the optional driver, here since it is the engine's

            self._pipelines = Pipeline.is_supported()
            # A pipeline left by an error (a lost connection) logs a warning of its own: keep it off the
            # screen (Python prints unhandled warnings to stderr), the error itself is reported as one line.
            logging.getLogger("psycopg").addHandler(logging.NullHandler())

    def _prepare(self, statement: Executable, params: Params) -> tuple[str, Any]:
        return prepared(statement, self._engine, params)

    def execute(self, statement: Executable, params: Params) -> Any:
        """Run one statement; returns the driver's cursor."""
        sql, values = self._prepare(statement, params)
        return self._conn.execute(sql, values) if self.is_sqlite else self._cursor_execute(sql, values)

    def execute_sql(self, sql: str, values: Any) -> Any:
        """Run SQL written for this connection's driver (a server-only statement); returns the cursor."""
        return self._cursor_execute(sql, values)

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
        """Whether another connection committed since the last call (always True when we cannot tell).

        SQLite only: on a server, ask ``storage.versions`` about one learner instead."""
        if not self.tracks_changes:
            return True
        version: int = self._conn.execute("PRAGMA data_version").fetchone()[0]
        seen, self._seen_version = self._seen_version, version
        return seen != version

    def _begin(self) -> None:
        """Open a transaction: ``BEGIN IMMEDIATE`` on SQLite; on a server (psycopg) REPEATABLE READ, so
        that it has one snapshot and a write that raced another one on the same rows fails (SQLSTATE 40001)
        instead of silently overwriting it: storage.retry runs the action again. Other drivers begin on
        their own at the first statement."""
        if self.is_sqlite:
            self._conn.execute("BEGIN IMMEDIATE")
        elif self._psycopg:
            self._conn.cursor().execute(_BEGIN, prepare=False)

    @contextmanager
    def write(self) -> Iterator[HotConnection]:
        """One write transaction: committed on success, else rolled back.

        On a server the statements are pipelined where the driver can (psycopg with libpq 14 or later):
        each is sent at once and the connection waits only when a result is read. BEGIN goes with the first
        read and the writes with COMMIT: one round trip each. A result of the block's statements can be
        read from its cursor after the block without another wait.
        """
        with self.lock:
            try:
                if self._pipelines:
                    with self._conn.pipeline():
                        self._begin()
                        yield self
                        self._conn.cursor().execute("COMMIT", prepare=False)  # sent with the final Sync
                else:
                    self._begin()
                    yield self
                    self._conn.commit()
            except BaseException:
                self._conn.rollback()
                raise

    @contextmanager
    def single(self) -> Iterator[HotConnection]:
        """A server connection for one statement on its own, outside a transaction block: the statement
        is its own snapshot, and no BEGIN or ROLLBACK round trip is paid for it."""
        assert self._psycopg
        with self.lock:
            yield self

    @contextmanager
    def read(self) -> Iterator[HotConnection]:
        """One read transaction: one snapshot for every statement in it."""
        with self.lock:
            if self.is_sqlite:
                self._conn.execute("BEGIN")
            elif self._psycopg:
                self._begin()
            try:
                yield self
            finally:
                self._conn.rollback()

    def close(self) -> None:
        self._proxy.close()
