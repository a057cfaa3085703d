"""State shared by the command modules: the settings made from the global options."""

from __future__ import annotations

from kratom_quiz.config import Settings, load_settings


class State:
    """Options given before the sub-command, shared with it."""

    settings: Settings | None = None


def settings() -> Settings:
    """The settings of this run (the global options applied)."""
    if State.settings is None:
        State.settings = load_settings()
    return State.settings
