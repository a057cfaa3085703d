"""Read a source document file: its bytes' digest, its cleaned text and its parts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from kratom_quiz.errors import UserError
from kratom_quiz.generate.clean import clean
from kratom_quiz.generate.sections import Document, parse

MAX_SLUG_WORDS = 4
MAX_SLUG_CHARS = 40
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "by",
        "does",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "why",
        "with",
    ]
)


class SourceError(UserError):
    """A source document that cannot be read as text."""


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One source document, ready for drafting or checking."""

    id: str
    file: str
    sha256: str
    document: Document

    @property
    def title(self) -> str:
        """The document's title."""
        return self.document.title


def slug(text: str, max_words: int = MAX_SLUG_WORDS) -> str:
    """A short lowercase id from a title: its first significant words joined by dashes."""
    text = re.sub(r"'s\b", "", text.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _STOPWORDS]
    out = "-".join(words[:max_words])
    return out[:MAX_SLUG_CHARS].strip("-")


def decode(raw: bytes, name: str) -> str:
    """The UTF-8 text of a file's bytes (a leading BOM dropped, mojibake repaired).

    Scraped pages often carry text that was decoded with the wrong code page somewhere upstream
    ("Kratomâ€™s"); ftfy undoes that, and drops the C1 control characters such text leaves behind, which
    the deck loader would refuse in a card.

    Raises:
        SourceError: naming the file and the first byte that is not UTF-8.
    """
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    import ftfy

    return ftfy.fix_text(text, normalization="NFC")


def read_source(path: Path, doc_id: str | None = None) -> SourceDoc:
    """Read, clean and parse one source document.

    Raises:
        SourceError: when the file is missing, unreadable or not UTF-8.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a document") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None
    document = parse(clean(decode(raw, str(path))), fallback_title=path.stem)
    return SourceDoc(
        id=doc_id or slug(document.title) or slug(path.stem) or "source",
        file=path.name,
        sha256=hashlib.sha256(raw).hexdigest(),
        document=document,
    )
