"""How a card's source reads on every screen and in every export: one line, the same everywhere."""

from __future__ import annotations

from kratom_quiz.domain.model import Deck, Source, SourceRef

# Up to this many authors are named; a longer list is cut to them and "et al.", as in Vancouver style.
MAX_AUTHORS = 3


def _sentence(text: str) -> str:
    """``text`` ending in one full stop (a title that ends in '?' or '.' keeps its own mark)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()).rstrip(":.") == " ".join(b.casefold().split()).rstrip(":.")


def authors_text(authors: tuple[str, ...]) -> str:
    """'Schimmel J, Dart RC' or 'Olsen EO, O'Donnell J, Mattson CL, et al.'."""
    if len(authors) > MAX_AUTHORS:
        return ", ".join(authors[:MAX_AUTHORS]) + ", et al."
    return ", ".join(authors)


def reference_text(source: Source, section: str = "") -> str:
    """A reference as one line: 'Schimmel J, Dart RC (2020). Title. doi:10.1007/...'.

    The publisher follows the title when authors lead; it leads when there are no authors. A cited page
    or section comes before the DOI or address, which a reader needs to find the work.
    """
    who = authors_text(source.authors) if source.authors else source.publisher
    parts = [_sentence(f"{who} ({source.year})" if source.year else who), _sentence(source.title)]
    if source.authors and source.publisher:
        parts.append(_sentence(source.publisher))
    if section and not _same(section, source.title):
        parts.append(_sentence(section))
    parts.append(f"doi:{source.doi}" if source.doi else source.url)
    return " ".join(p for p in parts if p)


def cite(deck: Deck | None, ref: SourceRef) -> str:
    """The source line of a card: a formatted reference, or 'Document title — Section' for a local
    document (the section left out when it is the title itself); the doc id when the deck lacks it."""
    source = deck.source(ref.doc) if deck else None
    if source is not None and source.is_reference:
        return reference_text(source, ref.section)
    title = source.title if source else ref.doc
    title = " ".join(title.split())
    if not ref.section or _same(ref.section, title):
        return title
    return f"{title} — {ref.section}"
