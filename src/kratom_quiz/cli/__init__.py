"""The ``kratom-quiz`` command line; with no sub-command it opens the study app."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from kratom_quiz.cli.common import State
from kratom_quiz.config import DB_ENV, DECKS_ENV
from kratom_quiz.entry import begin_run, guarded
from kratom_quiz.logs import LOG_ENV

app = typer.Typer(
    name="kratom-quiz",
    help="Study kratom pharmacology and risk awareness in the terminal. Educational; not medical advice.",
    no_args_is_help=False,
    add_completion=True,
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
        str | None, typer.Option("--db", help="Database URL (SQLAlchemy).", metavar="URL", envvar=DB_ENV)
    ] = None,
    decks: Annotated[
        Path | None,
        typer.Option("--decks", help="Folder of deck files.", metavar="DIR", envvar=DECKS_ENV),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help=f"Log more to the log file ({LOG_ENV}=DEBUG logs everything)."),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Study kratom pharmacology and risk awareness. With no command, opens the study app."""
    State.settings = begin_run(db, decks, verbose=verbose, log=logging.getLogger(__name__))
    if ctx.invoked_subcommand is None:
        from kratom_quiz.tui.app import run_app  # Textual is imported only for the app itself

        run_app(State.settings)


@app.command("schema", short_help="Print the deck file JSON Schema.")
def schema() -> None:
    """Print the deck file JSON Schema (for editor autocompletion)."""
    from kratom_quiz.deckfile.schema import json_schema_text

    sys.stdout.write(json_schema_text())


def _register_commands() -> None:
    # Each command group lives in its own module, registered here (imports stay lazy inside commands).
    from kratom_quiz.cli import (
        classroom,
        db,
        decks,
        doctor,
        export,
        generate,
        learners,
        progress,
        report,
        sources,
        study,
    )

    app.add_typer(db.db_app, name="db", short_help="Check, back up and restore the database.")
    app.add_typer(decks.decks_app, name="decks", short_help="List, check and sync deck files.")
    app.add_typer(export.export_app, name="export", short_help="Export decks to Anki.")
    app.command("generate", short_help="Draft a deck from plain-text documents.")(generate.generate)
    app.add_typer(sources.sources_app, name="sources", short_help="Check deck sources.")
    app.add_typer(learners.learners_app, name="learners", short_help="Manage learners.")
    app.command("study", short_help="Study due cards (--plain: line prompts).")(study.study)
    app.command("stats", short_help="Reviews, retention, forecast, mastery, streak.")(progress.stats)
    app.command("doctor", short_help="Versions, folders, database, theme and keymap in force.")(doctor.doctor)
    app.command("optimize", short_help="Fit FSRS parameters to the review history.")(progress.optimize)
    app.add_typer(classroom.classroom_app, name="classroom", short_help="Set up a class on PostgreSQL.")
    app.add_typer(report.report_app, name="report", short_help="Item analysis and learner progress.")


_register_commands()


def main() -> None:
    """Command-line entry point: user errors and database faults become one line and exit 1."""
    guarded(app, lambda: State.settings.db if State.settings is not None else None)
