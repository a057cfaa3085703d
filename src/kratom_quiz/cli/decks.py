"""``kratom-quiz decks``: list, validate and sync deck files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kratom_quiz.cli.common import load_deck_paths, settings

decks_app = typer.Typer(help="List, check and sync deck files.", no_args_is_help=True)


@decks_app.command("validate")
def decks_validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Deck files or folders (default: the decks folder).")
    ] = None,
) -> None:
    """Check deck files; print every problem as file:line:column and exit 1 if there is any."""

    result = load_deck_paths(paths)
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


@decks_app.command("sync")
def decks_sync() -> None:
    """Bring the progress database in line with the deck files (also done when studying starts)."""
    from kratom_quiz.cli.common import open_db, sync_from_folder

    with open_db() as db:
        report, problems, _ = sync_from_folder(db)
    for line in problems:
        typer.echo(line, err=True)
    typer.echo(
        f"synced: {report.added} added, {report.updated} updated, {report.archived} archived, "
        f"{report.restored} restored, {report.unchanged} unchanged (study items)"
    )
    if problems:
        raise typer.Exit(1)
