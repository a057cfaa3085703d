"""``kratom-quiz generate``: draft a deck from source documents, for a person to review."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

# Below this many bytes of input, drafting takes well under a second: a progress bar would only flicker.
PROGRESS_MIN_BYTES = 200_000


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"kratom-quiz: {message}", err=True)
    return typer.Exit(code)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, so readers never see half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def generate(
    docs: Annotated[list[Path], typer.Argument(help="Source documents (UTF-8 text).", metavar="DOC...")],
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
    ] = "cloze,typed,mcq,truefalse",
    schema: Annotated[
        str, typer.Option("--schema", help="Schema path for the editor line, relative to the output file.")
    ] = "../schema/deck.schema.json",
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an output file that is not a generated draft.")
    ] = False,
) -> None:
    """Draft a deck of cards from source documents. Every card needs review before publishing."""
    from kratom_quiz.deckfile.schema import SLUG
    from kratom_quiz.generate.documents import SourceError, read_source, slug
    from kratom_quiz.generate.draft import CARD_TYPES, HEADER, draft_deck, render

    wanted = [t.strip() for t in types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in CARD_TYPES]
    if unknown or not wanted:
        raise _fail(f"--types: unknown card type(s) {', '.join(unknown)} (use {', '.join(CARD_TYPES)})", 2)
    missing = [d for d in docs if not d.exists()]
    if missing:
        raise _fail(f"{missing[0]}: no such file", 2)
    if output is not None and output.is_dir():
        raise _fail(f"{output}: is a folder; give the draft deck's file name", 2)
    if output is not None and output.exists() and not force:
        head = output.read_text(encoding="utf-8", errors="replace")[: len(HEADER)]
        if head != HEADER:
            raise _fail(f"{output}: exists and is not a generated draft; use --force to overwrite it", 1)
    if output is not None and not output.parent.is_dir():
        raise _fail(f"{output.parent}: no such folder", 2)

    name = slug(output.stem, max_words=6) if output else ""
    ident = deck_id or (name if name.startswith("draft") else f"draft-{name}".rstrip("-"))
    if not re.match(SLUG, ident):
        raise _fail(f"--id '{ident}' must be a lowercase slug of letters, digits and dashes", 2)
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
        deck = draft_deck(sources, ident, deck_title, types=wanted, on_sentence=lambda: bar.update(1))
    if not deck["cards"]:
        raise _fail("no cards drafted: no sentence names a glossary term", 1)
    text = render(deck, schema)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(output, text)
    count = len(deck["cards"])
    typer.echo(f"wrote {count} draft card(s) from {len(sources)} document(s) to {output}", err=True)
