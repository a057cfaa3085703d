"""``kratom-quiz export``: write decks as an Anki package or in Anki's text import format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kratom_quiz.cli.common import settings
from kratom_quiz.exporters.target import ExportKind

if TYPE_CHECKING:
    from kratom_quiz.domain.model import Deck

export_app = typer.Typer(help="Export decks to Anki.", no_args_is_help=True)

DeckOption = Annotated[
    list[str] | None,
    typer.Option("--deck", "-d", help="Deck id to export (repeatable; default: every deck).", metavar="ID"),
]


ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace an existing file that is not an earlier kratom-quiz export.")
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"kratom-quiz: {message}", err=True)
    return typer.Exit(code)


def _check_output(output: Path, kind: ExportKind, force: bool) -> None:
    """Exit unless ``output`` may be written: never the database in use or a deck file, and only an earlier
    export of ours without ``--force``."""
    from kratom_quiz.deckfile import find_deck_files
    from kratom_quiz.errors import UserError
    from kratom_quiz.exporters.target import check_target, database_files
    from kratom_quiz.storage.quick import sqlite_file

    deck_files, _ = find_deck_files([settings().decks])
    protected = [*database_files(sqlite_file(settings().db)), *deck_files]
    try:
        check_target(output, kind, force=force, protected=protected)
    except UserError as exc:
        raise _fail(str(exc)) from None


def _selected_decks(ids: list[str] | None) -> list[Deck]:
    """The decks of the decks folder, or the ones named; exits on invalid files or unknown ids."""
    from kratom_quiz.deckfile import load_decks

    result = load_decks([settings().decks], display_root=Path.cwd())
    if result.errors:
        for line in result.errors:
            typer.echo(line, err=True)
        raise _fail(f"{len(result.errors)} problem(s) in deck files; nothing exported")
    by_id = {d.id: d for d in result.decks}
    unknown = [i for i in dict.fromkeys(ids or []) if i not in by_id]
    if unknown:
        known = ", ".join(sorted(by_id)) or "none"
        raise _fail(f"unknown deck id {', '.join(map(repr, unknown))} (known: {known})", 2)
    return [by_id[i] for i in dict.fromkeys(ids)] if ids else result.decks


@export_app.command("anki")
def export_anki(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .apkg file to write.", metavar="FILE")],
    deck: DeckOption = None,
    force: ForceOption = False,
) -> None:
    """Write an Anki package (.apkg). Importing a newer export updates the notes and keeps Anki progress."""
    from kratom_quiz.errors import UserError
    from kratom_quiz.exporters.anki import export_apkg
    from kratom_quiz.exporters.stamps import LEDGER_NAME, Stamps
    from kratom_quiz.paths import data_dir

    if output.suffix.lower() != ".apkg":
        raise _fail(f"{output}: an Anki package must end in .apkg", 2)
    _check_output(output, ExportKind.APKG, force)
    decks = _selected_decks(deck)
    try:
        report = export_apkg(decks, output, stamps=Stamps(data_dir() / LEDGER_NAME))
    except UserError as exc:
        raise _fail(str(exc)) from None
    typer.echo(report.summary())


@export_app.command("csv")
def export_csv(
    output: Annotated[Path, typer.Option("--output", "-o", help="The text file to write.", metavar="FILE")],
    deck: DeckOption = None,
    force: ForceOption = False,
) -> None:
    """Write Anki's text import format (tab-separated, HTML fields).

    Anki skips rows whose note type it does not have: import the .apkg export once first.
    """
    from kratom_quiz.errors import UserError
    from kratom_quiz.exporters.text import export_text

    _check_output(output, ExportKind.TEXT, force)
    decks = _selected_decks(deck)
    try:
        report = export_text(decks, output)
    except UserError as exc:
        raise _fail(str(exc)) from None
    typer.echo(report.summary())
