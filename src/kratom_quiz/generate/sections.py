"""Find a cleaned article's title and sections, and split its paragraphs into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 16
MAX_QUESTION_HEADING_WORDS = 12
# "1. Binding to Opioid Receptors", "2) Mood", "iv. Safety": list numbering, not part of the heading.
_NUMBER = re.compile(r"^(?:\d{1,3}|[ivxlc]{1,6}|[a-z])[.)]\s+", re.I)
_BULLET = re.compile(r"^[-*•·]\s+")
# "Pain Relief: Kratom's ability ..." in a numbered item: a short label before the text.
_LABEL = re.compile(r"^(?P<label>[A-Z][^.:!?]{0,60}):\s+(?=\S)")
_FINAL_PUNCTUATION = ".!?;:,"
# Words whose final period does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "al",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "no",
        "fig",
        "approx",
        "ca",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "dept",
        "est",
        "mg",
        "kg",
        "ml",
    ]
)
_SENTENCE_END = re.compile(r"""[.!?]+["')\]]*(?=\s+["'(\[]?[A-Z0-9])""")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the sentences under it; the title stands for text that has no heading of its own."""

    heading: str
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article split into parts."""

    title: str
    sections: tuple[Section, ...]
    headings: tuple[str, ...]
    lines: tuple[str, ...]

    @property
    def sentence_count(self) -> int:
        """How many sentences the document has in all."""
        return sum(len(s.sentences) for s in self.sections)


def strip_number(line: str) -> str:
    """A line without its list numbering ("1. X" becomes "X")."""
    return _NUMBER.sub("", line, count=1)


def is_heading(line: str) -> bool:
    """True for a short line without final punctuation that starts like a title.

    A short one-sentence question on a line of its own ("What are Mu Receptors?") is a heading too.
    Bullet lines ("- Overview") are list items, e.g. a table of contents, not headings.
    """
    line = line.strip()
    if not line or _BULLET.match(line):
        return False
    text = strip_number(line)
    if not text or len(text) > MAX_HEADING_CHARS or not (text[0].isupper() or text[0].isdigit()):
        return False
    words = len(text.split())
    if text.endswith("?"):
        return words <= MAX_QUESTION_HEADING_WORDS and len(split_sentences(text)) == 1
    return text[-1] not in _FINAL_PUNCTUATION and words <= MAX_HEADING_WORDS


def item_label(line: str) -> str | None:
    """The label of a numbered item such as "2. Mood Elevation: users report ...", if it has one."""
    if not _NUMBER.match(line):
        return None
    m = _LABEL.match(strip_number(line))
    return m.group("label").strip() if m else None


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "e.g." and "U.S." whole."""
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        last_word = before[-1].lower() if before else ""
        # "U.S." or "e.g.": a dotted initialism, never the end of a sentence here.
        if m.group().startswith(".") and (
            last_word.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last_word)
        ):
            continue
        sentences.append(text[start : m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def _paragraph_text(line: str) -> str | None:
    """The prose of a non-heading line, or None for list items that are navigation (no final stop)."""
    if _BULLET.match(line):
        body = _BULLET.sub("", line)
        return body if body[-1:] in ".!" else None
    if _NUMBER.match(line):
        body = strip_number(line)
        return _LABEL.sub("", body, count=1)
    return line


def parse(text: str, fallback_title: str = "Untitled") -> Document:
    """Split cleaned text (see ``clean.clean``) into title, sections and sentences.

    The title is the first heading, when no prose comes before it; otherwise ``fallback_title`` or the first
    heading found later. Prose before any heading, or after a gap of two or more blank lines (where scraping
    dropped a "Conclusion" heading), is filed under the title.
    """
    lines = text.split("\n")
    headings = [strip_number(line) for line in lines if is_heading(line)]
    first_prose = next((i for i, line in enumerate(lines) if line and not is_heading(line)), len(lines))
    first_heading = next((i for i, line in enumerate(lines) if is_heading(line)), None)
    if first_heading is not None and first_heading < first_prose:
        title = strip_number(lines[first_heading])
    else:
        title = headings[0] if headings else fallback_title

    sections: list[tuple[str, list[str]]] = []
    current = title
    blank_run = 0
    after_heading = True
    for line in lines:
        if not line:
            blank_run += 1
            continue
        if blank_run >= 2 and not after_heading:
            current = title
        blank_run = 0
        if is_heading(line):
            current = strip_number(line)
            after_heading = True
            continue
        after_heading = False
        prose = _paragraph_text(line)
        if prose is None:
            continue
        found = split_sentences(prose)
        if sections and sections[-1][0] == current:
            sections[-1][1].extend(found)
        else:
            sections.append((current, found))
    return Document(
        title=title,
        sections=tuple(Section(h, tuple(s)) for h, s in sections if s),
        headings=tuple(dict.fromkeys(headings)),
        lines=tuple(line for line in lines if line),
    )
