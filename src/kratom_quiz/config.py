"""Run-time settings: where the database and decks are, read from flags, environment and defaults.

A frozen dataclass rather than a Pydantic model: there are two values, both checked where they are used
(the database URL by SQLAlchemy, the decks folder by the loader), and building a first Pydantic model
costs about 0.2 s of every start on a small machine, before the app can show anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kratom_quiz import paths

DB_ENV = "KRATOM_QUIZ_DB"
DECKS_ENV = "KRATOM_QUIZ_DECKS"


@dataclass(frozen=True, slots=True)
class Settings:
    """Settings for one run of the app."""

    db: str = field(default_factory=paths.default_db_url)
    """SQLAlchemy URL of the database (``--db``, ``KRATOM_QUIZ_DB``); the embedded SQLite file by default."""
    decks: Path = field(default_factory=paths.bundled_decks_dir)
    """Folder of deck files to study (``--decks``, ``KRATOM_QUIZ_DECKS``); the bundled decks by default."""


def load_settings(db: str | None = None, decks: Path | None = None) -> Settings:
    """Settings from command-line values when given, else the environment, else the defaults."""
    chosen_db = db or os.environ.get(DB_ENV) or paths.default_db_url()
    chosen_decks = decks or os.environ.get(DECKS_ENV) or paths.bundled_decks_dir()
    return Settings(db=chosen_db, decks=Path(chosen_decks))
