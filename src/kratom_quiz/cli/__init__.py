"""The ``kratom-quiz`` command line; with no sub-command it opens the study app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kratom_quiz.cli.common import State
from kratom_quiz.config import load_settings
from kratom_quiz.errors import UserError

app = typer.Typer(
    name="kratom-quiz",
    help="Study kratom pharmacology and risk awareness in the terminal. Educational; not medical advice.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version  # 35 ms to import: only when asked

        typer.echo(f"kratom-quiz {version('kratom-quiz')}")
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


@app.command("schema")
def schema() -> None:
    """Print the deck file JSON Schema (for editor autocompletion)."""
    from kratom_quiz.deckfile.schema import json_schema_text

    sys.stdout.write(json_schema_text())


def _register_commands() -> None:
    # Each command group lives in its own module, registered here (imports stay lazy inside commands).
    from kratom_quiz.cli import db, decks, export, generate, learners, progress, sources, study

    app.add_typer(db.db_app, name="db")
    app.add_typer(decks.decks_app, name="decks")
    app.add_typer(export.export_app, name="export")
    app.command("generate")(generate.generate)
    app.add_typer(sources.sources_app, name="sources")
    app.add_typer(learners.learners_app, name="learners")
    app.command("study")(study.study)
    app.command("stats")(progress.stats)
    app.command("optimize")(progress.optimize)


_register_commands()


def main() -> None:
    """Console entry point: runs the CLI, turning user errors and database faults into one line, exit 1."""
    try:
        app()
    except UserError as exc:
        typer.echo(f"kratom-quiz: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from kratom_quiz.storage.faults import describe, user_error

        fault = user_error(exc, describe(State.settings.db if State.settings else ""))
        if fault is None:
            raise
        typer.echo(f"kratom-quiz: {fault}", err=True)
        sys.exit(1)
