"""``kratom-quiz generate``: draft a deck from source documents, for a person to review."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

# Below this many bytes of input, drafting takes well under a second: a progress bar would only flicker.
PROGRESS_MIN_BYTES = 200_000
MAX_ID_CHARS = 80


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"kratom-quiz: {message}", err=True)
    return typer.Exit(code)


def _check_output(output: Path, force: bool) -> None:
    """Exit unless ``output`` can be written: its folder exists, and it is a draft or ``force`` is set."""
    from kratom_quiz.generate.draft import HEADER

    if output.is_dir():
        raise _fail(f"{output}: is a folder; give the draft deck's file name", 2)
    if not output.parent.is_dir():
        raise _fail(f"{output.parent}: no such folder", 2)
    if output.exists() and not force:
        try:
            with output.open(encoding="utf-8", errors="replace") as f:
                head = f.read(len(HEADER))
        except OSError as exc:
            raise _fail(f"{output}: cannot read ({exc.strerror or exc})", 1) from None
        # Never replace a curated deck by accident: only earlier drafts are overwritten without --force.
        if head != HEADER:
            raise _fail(f"{output}: exists and is not a generated draft; use --force to overwrite it", 1)


def generate(
    docs: Annotated[list[Path], typer.Argument(help="Source documents (UTF-8 text).", metavar="DOC")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Draft deck file to write (default: stdout).", metavar="FILE"),
    ] = None,
    deck_id: Annotated[
        str | None, typer.Option("--id", help="Deck id (default: 'draft-' and the output file's name).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Deck title.")] = None,
    types: Annotated[
        str, typer.Option("--types", help="Card types to draft, comma-separated.", metavar="LIST")
    ] = "cloze,typed,mcq,multi,truefalse",
    schema: Annotated[
        str, typer.Option("--schema", help="Schema path for the editor line, relative to the output file.")
    ] = "../schema/deck.schema.json",
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an output file that is not a generated draft.")
    ] = False,
    max_cards: Annotated[
        int | None,
        typer.Option(
            "--max", min=1, help="Keep only the N drafts that teach most (default: all).", metavar="N"
        ),
    ] = None,
) -> None:
    """Draft a deck of cards from source documents. Every card needs review before publishing."""
    from kratom_quiz.deckfile.schema import SLUG
    from kratom_quiz.generate.documents import SourceError, read_source, slug
    from kratom_quiz.generate.draft import CARD_TYPES, draft_deck, render

    wanted = [t.strip() for t in types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in CARD_TYPES]
    if unknown or not wanted:
        raise _fail(f"--types: unknown card type(s) {', '.join(unknown)} (use {', '.join(CARD_TYPES)})", 2)
    missing = [d for d in docs if not d.exists()]
    if missing:
        raise _fail(f"{missing[0]}: no such file", 2)
    if output is not None:
        _check_output(output, force)

    name = slug(output.stem, max_words=6) if output else ""
    ident = deck_id or (name if name.startswith("draft") else f"draft-{name}".rstrip("-"))
    if not re.match(SLUG, ident) or len(ident) > MAX_ID_CHARS:
        raise _fail(f"--id '{ident}' must be a lowercase slug of letters, digits and dashes (at most 80)", 2)
    try:
        sources = [read_source(d) for d in docs]
    except SourceError as exc:
        raise _fail(str(exc), 1) from None

    total = sum(s.document.sentence_count for s in sources)
    size = sum(d.stat().st_size for d in docs)
    show = sys.stderr.isatty() and size >= PROGRESS_MIN_BYTES
    more = f" and {len(sources) - 1} more" if len(sources) > 1 else ""
    deck_title = title or f"Draft: {sources[0].title}{more}"[:300]
    with typer.progressbar(length=total, label="Drafting cards", file=sys.stderr, hidden=not show) as bar:
        deck = draft_deck(
            sources, ident, deck_title, types=wanted, on_sentence=lambda: bar.update(1), max_cards=max_cards
        )
    if not deck["cards"]:
        raise _fail("no cards drafted: no sentence states a fact the glossary and templates can ask about", 1)
    text = render(deck, schema)
    if output is None:
        sys.stdout.write(text)
        return
    from kratom_quiz.errors import UserError
    from kratom_quiz.exporters.atomic import atomic_write

    try:
        with atomic_write(output) as out:
            out.write(text.encode("utf-8"))
    except UserError as exc:
        raise _fail(str(exc), 1) from None
    count = len(deck["cards"])
    typer.echo(f"wrote {count} draft card(s) from {len(sources)} document(s) to {output}", err=True)
