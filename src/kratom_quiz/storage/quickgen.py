"""Writes ``quick_sql.json``: the SQL of the statements ``storage.quick`` runs, compiled from SQLAlchemy.

The quick reader runs on plain ``sqlite3`` so that the first home screen does not wait for SQLAlchemy to
import; its queries are these statements, compiled for SQLite, so there is one definition of each.
Regenerate after changing one of them (a test fails until you do)::

    uv run python -m kratom_quiz.storage.quickgen
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.dialects import sqlite
from sqlalchemy.sql import Executable

from kratom_quiz.storage import repository, summary

TARGET = Path(__file__).with_name("quick_sql.json")

STATEMENTS: dict[str, Executable] = {
    "learners": repository.LEARNERS,
    "settings": repository.SETTINGS_AND_PARAMETERS,
    "counts_since": summary.COUNTS_SINCE,
    "deck_counts": summary.DECK_COUNTS,
    "archived_states": summary.ARCHIVED_STATES,
    "studied_days": summary.STUDIED_DAYS,
}


def compiled(statement: Executable) -> dict[str, Any]:
    """The statement's SQLite SQL with named parameters, and the values of its constant parameters."""
    dialect = sqlite.dialect(paramstyle="named")
    plain = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    given = {name for name, bind in plain.binds.items() if bind.required}  # what the caller passes
    # Rendering `IN (...)` lists needs every parameter to have a value: the given ones get a stand-in,
    # which stays a named placeholder in the SQL and is not kept among the constants.
    standing_in = statement.params(dict.fromkeys(given, 0))  # type: ignore[attr-defined]
    result = standing_in.compile(dialect=dialect)
    expanded = result.construct_expanded_state()
    constants = {name: value for name, value in expanded.parameters.items() if name not in given}
    return {"sql": " ".join(expanded.statement.split()), "constants": constants}


def render() -> str:
    """The text of quick_sql.json."""
    queries = {name: compiled(statement) for name, statement in STATEMENTS.items()}
    return json.dumps(queries, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
