"""Where things live: the bundled decks, the user's data folder and the default database."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "kratom-quiz"
DATA_DIR_ENV = "KRATOM_QUIZ_DATA_DIR"


def bundled_decks_dir() -> Path:
    """The decks shipped with the app: inside the wheel, or ``decks/`` of a source checkout."""
    packaged = Path(str(resources.files("kratom_quiz"))) / "bundled_decks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "decks"


def data_dir() -> Path:
    """The per-user data folder (``KRATOM_QUIZ_DATA_DIR`` overrides it, e.g. for tests)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The embedded SQLite database file."""
    return data_dir() / "kratom-quiz.db"


def default_db_url() -> str:
    """SQLAlchemy URL of the embedded database."""
    return f"sqlite:///{default_db_path()}"


CONFIG_DIR_ENV = "KRATOM_QUIZ_CONFIG_DIR"
LOG_DIR_ENV = "KRATOM_QUIZ_LOG_DIR"


def config_dir() -> Path:
    """The per-user config folder, for files the user edits (``KRATOM_QUIZ_CONFIG_DIR`` overrides it)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """The per-user log folder: the log file and crash reports (``KRATOM_QUIZ_LOG_DIR`` overrides it)."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))
