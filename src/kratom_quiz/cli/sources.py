"""``kratom-quiz sources``: check decks against the source documents they cite."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kratom_quiz.cli.common import load_deck_paths

sources_app = typer.Typer(help="Check decks against their source documents.", no_args_is_help=True)


@sources_app.command("check")
def sources_check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Deck files or folders (default: the decks folder).", metavar="DECKS"),
    ] = None,
    sources_dir: Annotated[
        Path | None,
        typer.Option("--sources", help="Folder holding the source documents.", metavar="DIR"),
    ] = None,
) -> None:
    """Check that each deck's source files exist with the declared sha256 and every cited section exists.

    References (published works with a doi or url) are checked for form: their fields agree and no two
    sources cite the same work. They are not fetched.

    Prints one line per problem as file:line:column and exits 1 if there is any, 2 on bad usage.
    """
    from kratom_quiz.generate.sources_check import SourcesChecker

    if sources_dir is None:
        typer.echo("kratom-quiz: --sources DIR is required (the folder of source documents)", err=True)
        raise typer.Exit(2)
    if not sources_dir.is_dir():
        typer.echo(f"kratom-quiz: {sources_dir}: no such folder", err=True)
        raise typer.Exit(2)
    result = load_deck_paths(paths)
    checker = SourcesChecker(sources_dir, display_root=Path.cwd())
    for deck in result.decks:
        checker.check(deck)
    problems = [*result.errors, *checker.report.problems]
    for line in problems:
        typer.echo(line, err=True)
    report = checker.report
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {len(result.files)} file(s)", err=True)
        raise typer.Exit(1)
    refs = f" and {report.references} reference(s) (form only; not fetched)" if report.references else ""
    typer.echo(
        f"ok: {report.decks} deck(s), {report.cards} card(s) checked against {report.sources} source(s){refs}"
    )
