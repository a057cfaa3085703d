"""Shell completion of deck ids and learner names (Typer's completion calls these as the user types).

They run on every press of Tab, so they read as little as they can: the ``id:`` line of each deck file and
the learners table of a SQLite file with ``sqlite3``; anything that goes wrong completes nothing.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import typer

from kratom_quiz.config import Settings, load_settings

_DECK_ID = re.compile(r"^id:\s*['\"]?([A-Za-z0-9][\w.-]*)", re.MULTILINE)


def _settings(ctx: typer.Context) -> Settings:
    """The settings the command line so far asks for (``--db`` / ``--decks`` before the command)."""
    root = ctx.find_root().params
    decks = root.get("decks")
    return load_settings(root.get("db"), Path(decks) if decks else None)


def deck_ids(folder: Path) -> list[str]:
    """The deck ids of the deck files in ``folder`` (from each file's top-level ``id:`` line)."""
    ids: list[str] = []
    files = [folder] if folder.is_file() else sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    for path in files:
        try:
            found = _DECK_ID.search(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if found:
            ids.append(found.group(1))
    return ids


def learner_names(db_url: str) -> list[str]:
    """The learners of a SQLite database file, read-only (other databases: none, to stay quick)."""
    from kratom_quiz.storage.quick import sqlite_file

    path = sqlite_file(db_url)
    if path is None or not path.is_file():
        return []
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
            return [row[0] for row in conn.execute("SELECT name FROM learners ORDER BY name")]
    except sqlite3.Error:
        return []


def complete_deck_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Deck ids starting with what was typed."""
    return [d for d in deck_ids(_settings(ctx).decks) if d.startswith(incomplete)]


def complete_learner(ctx: typer.Context, incomplete: str) -> list[str]:
    """Learner names starting with what was typed."""
    return [n for n in learner_names(_settings(ctx).db) if n.startswith(incomplete)]
