"""The ``kratom-quiz`` command line; with no sub-command it opens the study app."""

from __future__ import annotations

import sys
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated

import typer

from kratom_quiz.config import Settings, load_settings
from kratom_quiz.errors import UserError

app = typer.Typer(
    name="kratom-quiz",
    help="Study kratom pharmacology and risk awareness in the terminal. Educational; not medical advice.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
decks_app = typer.Typer(help="List, check and sync deck files.", no_args_is_help=True)
app.add_typer(decks_app, name="decks")


class State:
    """Options given before the sub-command, shared with it."""

    settings: Settings | None = None


def settings() -> Settings:
    """The settings of this run (the global options applied)."""
    if State.settings is None:
        State.settings = load_settings()
    return State.settings


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kratom-quiz {package_version('kratom-quiz')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (SQLAlchemy), or KRATOM_QUIZ_DB.", metavar="URL")
    ] = None,
    decks: Annotated[
        Path | None,
        typer.Option("--decks", help="Folder of deck files, or KRATOM_QUIZ_DECKS.", metavar="DIR"),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Study kratom pharmacology and risk awareness. With no command, opens the study app."""
    State.settings = load_settings(db, decks)
    if ctx.invoked_subcommand is None:
        from kratom_quiz.tui.app import run_app  # Textual is imported only for the app itself

        run_app(State.settings)


@decks_app.command("validate")
def decks_validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Deck files or folders (default: the decks folder).")] = None,
) -> None:
    """Check deck files; print every problem as file:line:column and exit 1 if there is any."""
    from kratom_quiz.deckfile import find_deck_files, load_decks

    targets = paths or [settings().decks]
    _, missing = find_deck_files(targets)
    if missing:
        for line in missing:
            typer.echo(f"kratom-quiz: {line}", err=True)
        raise typer.Exit(2)
    result = load_decks(targets, display_root=Path.cwd())
    for line in result.errors:
        typer.echo(line, err=True)
    cards = sum(len(d.cards) for d in result.decks)
    if result.errors:
        typer.echo(f"{len(result.errors)} problem(s) in {len(result.files)} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {len(result.decks)} deck(s), {cards} card(s) in {len(result.files)} file(s)")


@decks_app.command("list")
def decks_list() -> None:
    """List the decks in the decks folder."""
    from kratom_quiz.deckfile import load_decks

    result = load_decks([settings().decks], display_root=Path.cwd())
    for line in result.errors:
        typer.echo(line, err=True)
    rows = [("ID", "TITLE", "VERSION", "CARDS", "ITEMS")]
    for d in result.decks:
        items = sum(len(c.ordinals) for c in d.cards)
        rows.append((d.id, d.title, str(d.version), str(len(d.cards)), str(items)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    if result.errors:
        raise typer.Exit(1)


@app.command("schema")
def schema() -> None:
    """Print the deck file JSON Schema (for editor autocompletion)."""
    from kratom_quiz.deckfile.schema import json_schema_text

    sys.stdout.write(json_schema_text())


def main() -> None:
    """Console entry point: runs the CLI, turning user errors into one line and exit code 1."""
    try:
        app()
    except UserError as exc:
        typer.echo(f"kratom-quiz: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
