"""State shared by the command modules: the settings made from the global options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kratom_quiz.config import Settings, load_settings
from kratom_quiz.domain.model import Deck
from kratom_quiz.domain.study import Learner, SyncReport
from kratom_quiz.errors import UserError

if TYPE_CHECKING:
    from kratom_quiz.deckfile import LoadResult
    from kratom_quiz.storage import Database

DEFAULT_LEARNER = "default"


class State:
    """Options given before the sub-command, shared with it."""

    settings: Settings | None = None


def settings() -> Settings:
    """The settings of this run (the global options applied)."""
    if State.settings is None:
        State.settings = load_settings()
    return State.settings


def open_db() -> Database:
    """The database of this run, opened and migrated."""
    from kratom_quiz import services

    return services.open_database(settings().db)


def sync_from_folder(db: Database) -> tuple[SyncReport, list[str], list[Deck]]:
    """Sync the decks folder into the store; also returns the deck files' problems and the decks.

    Valid decks still sync when some file is broken, but then no deck is archived for being missing: the
    broken file may hold it.
    """
    from kratom_quiz import services
    from kratom_quiz.deckfile import load_decks

    result = load_decks([settings().decks], display_root=Path.cwd())
    report = services.sync_decks(db, result.decks, archive_missing=not result.errors)
    return report, list(result.errors), result.decks


def pick_learner(db: Database, name: str | None, *, create_default: bool = False) -> Learner:
    """The learner named, else the only one; with none, 'default' is created when ``create_default``."""
    from kratom_quiz import services

    if name:
        return services.find_learner(db, name)
    learners = services.list_learners(db)
    if len(learners) == 1:
        return learners[0]
    if not learners:
        if create_default:
            return services.add_learner(db, DEFAULT_LEARNER)
        raise UserError("no learners yet: add one with `kratom-quiz learners add NAME`")
    names = ", ".join(x.name for x in learners)
    raise UserError(f"several learners ({names}): choose one with --learner NAME")


def load_deck_paths(paths: list[Path] | None) -> LoadResult:
    """Load the deck files at ``paths`` (default: the decks folder); a path that does not exist is bad
    usage: its line is printed and the command exits 2."""
    import typer

    from kratom_quiz.deckfile import find_deck_files, load_decks

    targets = paths or [settings().decks]
    _, missing = find_deck_files(targets)
    if missing:
        for line in missing:
            typer.echo(f"kratom-quiz: {line}", err=True)
        raise typer.Exit(2)
    return load_decks(targets, display_root=Path.cwd())
