"""A read-only look into a SQLite database file with ``sqlite3`` alone, for the first home screen.

Importing SQLAlchemy takes longer than drawing the app; this reader needs only the standard library, so the
home screen can show a returning learner's decks while the full store opens behind it. It runs the store's own
statements, compiled to SQL by ``storage.quickgen`` (``quick_sql.json``), and reads only a database already at
this version's schema: anything else is left to the full store, which migrates or explains.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from kratom_quiz.domain.study import Learner, LearnerSettings
from kratom_quiz.domain.today import STREAK_CHUNK, ArchivedState, DeckCounts, without_archived
from kratom_quiz.storage.revisions import HEAD_REVISION

_SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


class NotQuick(Exception):
    """This database is not one the quick reader reads: let the full store open it."""


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL, or None for any other URL (memory, options, servers)."""
    for prefix in _SQLITE_PREFIXES:
        if url.startswith(prefix):
            rest = url.removeprefix(prefix)
            return None if not rest or rest == ":memory:" or "?" in rest else Path(rest)
    return None


@cache
def _queries() -> dict[str, dict[str, Any]]:
    text = Path(__file__).with_name("quick_sql.json").read_text(encoding="utf-8")
    queries: dict[str, dict[str, Any]] = json.loads(text)
    return queries


def _stamp(at: datetime) -> str:
    """A datetime as the store writes it: naive UTC text with microseconds."""
    if at.tzinfo is None:
        raise ValueError("naive datetime given to the database; pass a tz-aware UTC datetime")
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _when(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


class QuickReader:
    """One read transaction on a SQLite file at this version's schema (``NotQuick`` otherwise).

    Implements ``domain.today.TodaySource``; use it as a context manager.
    """

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise NotQuick(f"{path} does not exist yet")
        self._conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
        try:
            self._conn.execute("BEGIN")  # one snapshot for every figure shown
            revision = self._conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD_REVISION:
                raise NotQuick(f"{path} is at schema {revision}, not {HEAD_REVISION}")
        except BaseException:
            self._conn.close()
            raise

    def __enter__(self) -> QuickReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.close()  # read-only: nothing to commit

    def _run(self, name: str, **params: Any) -> sqlite3.Cursor:
        query = _queries()[name]
        values = {k: _stamp(v) if isinstance(v, datetime) else v for k, v in params.items()}
        return self._conn.execute(query["sql"], {**query["constants"], **values})

    def learners(self) -> list[Learner]:
        """Every learner, by name."""
        return [Learner(id_, name) for id_, name in self._run("learners")]

    def settings(self, learner_id: int) -> LearnerSettings:
        """The learner's settings (the defaults until they save some)."""
        cursor = self._run("settings", learner_id=learner_id)
        row = cursor.fetchone()
        if row is None:
            raise NotQuick(f"no learner with id {learner_id}")
        values = dict(zip((d[0] for d in cursor.description), row, strict=True))
        if values["learner_id"] is None:
            return LearnerSettings()
        return LearnerSettings(**{f.name: values[f.name] for f in fields(LearnerSettings)})

    def counts_since(self, learner_id: int, since: datetime) -> dict[str, int]:
        return {state: n for state, n in self._run("counts_since", learner_id=learner_id, since=since)}

    def deck_counts(self, learner_id: int, now: datetime, day_end: datetime) -> list[DeckCounts]:
        rows = self._run("deck_counts", learner_id=learner_id, now=now, day_end=day_end).fetchall()
        archived = [
            ArchivedState(deck, state, bool(suspended), _when(due), _when(strong))
            for deck, state, suspended, due, strong in self._run("archived_states", learner_id=learner_id)
        ]
        return without_archived(rows, archived, now, day_end)

    def studied(self, learner_id: int, windows: Sequence[tuple[datetime, datetime]]) -> list[bool]:
        padded = [*windows, *[windows[-1]] * (STREAK_CHUNK - len(windows))]
        params = {}
        for i, (lo, hi) in enumerate(padded):
            params[f"lo{i}"], params[f"hi{i}"] = lo, hi
        hits = {i for (i,) in self._run("studied_days", learner_id=learner_id, **params)}
        return [i in hits for i in range(len(windows))]
