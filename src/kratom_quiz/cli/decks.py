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


def _codes(option: str, raw: str | None) -> list[str]:
    """Codes given to --select / --ignore (comma-separated); an unknown code is bad usage (exit 2)."""
    from kratom_quiz.domain.itemlint import CODES

    codes = [c.strip().upper() for c in (raw or "").split(",") if c.strip()]
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        typer.echo(
            f"kratom-quiz: {option}: unknown lint code {', '.join(unknown)} (see the README)", err=True
        )
        raise typer.Exit(2)
    return codes


@decks_app.command("lint")
def decks_lint(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Deck files or folders (default: the decks folder).")
    ] = None,
    select: Annotated[str | None, typer.Option(help="Only these codes, e.g. KQ101,KQ301.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Skip these codes, e.g. KQ203.")] = None,
) -> None:
    """Check how deck items are written; print each finding as file:line:column: CODE message.

    Exit 1 on any finding (or an invalid deck, reported first), 0 when clean, 2 on bad usage.
    """
    from kratom_quiz.deckfile.lint import lint, targets
    from kratom_quiz.domain.itemlint import CODES

    chosen, skipped = _codes("--select", select) or list(CODES), _codes("--ignore", ignore)
    result = load_deck_paths(paths)
    for line in result.errors:
        typer.echo(line, err=True)
    findings = lint(targets(result.decks, Path.cwd()), [c for c in chosen if c not in skipped])
    for finding in findings:
        typer.echo(str(finding))
    cards = sum(len(d.cards) for d in result.decks)
    if findings or result.errors:
        invalid = f", {len(result.errors)} deck problem(s)" if result.errors else ""
        typer.echo(f"{len(findings)} finding(s) in {cards} card(s) of {len(result.files)} file(s){invalid}")
        raise typer.Exit(1)
    typer.echo(f"ok: no findings in {cards} card(s) of {len(result.files)} file(s)")


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
