"""Run-time settings: where the database and decks are, read from flags, environment and defaults."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kratom_quiz import paths


class Settings(BaseSettings):
    """Settings for one run of the app. Environment variables use the ``KRATOM_QUIZ_`` prefix."""

    model_config = SettingsConfigDict(env_prefix="KRATOM_QUIZ_", extra="ignore")

    db: str = Field(
        default_factory=paths.default_db_url,
        description="SQLAlchemy URL of the database (KRATOM_QUIZ_DB); the embedded SQLite file by default.",
    )
    decks: Path = Field(
        default_factory=paths.bundled_decks_dir,
        description="Folder of deck files to study (KRATOM_QUIZ_DECKS); the bundled decks by default.",
    )


def load_settings(db: str | None = None, decks: Path | None = None) -> Settings:
    """Settings from the environment, with command-line values (when given) taking precedence."""
    overrides: dict[str, object] = {}
    if db:
        overrides["db"] = db
    if decks:
        overrides["decks"] = decks
    return Settings(**overrides)  # type: ignore[arg-type]
