"""Export decks in Anki's text import format (tab-separated, with file headers)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kratom_quiz.domain.model import Deck
from kratom_quiz.exporters.atomic import atomic_write
from kratom_quiz.exporters.notes import MAX_FIELDS, ExportNote, ExportReport, Progress, build_notes, report

# Spreadsheets run a cell starting with one of these as a formula ("CSV injection"). A zero-width space in
# front makes it text; Anki shows nothing for it, where an apostrophe would show up on the card.
FORMULA_START = ("=", "+", "-", "@")
NEUTRALISER = "\u200b"

HEADER = "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#guid column:3\n#tags column:4\n"


def cell(text: str) -> str:
    """One cell: no tab or line break left to split it, and never read as a spreadsheet formula."""
    text = text.replace("\t", " ").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")
    if text.lstrip().startswith(FORMULA_START):
        return NEUTRALISER + text
    return text


def note_row(note: ExportNote) -> str:
    """One line of the file: note type, deck, GUID, tags, then the fields padded to a common width."""
    fields = [*note.fields, *[""] * (MAX_FIELDS - len(note.fields))]
    cells = [note.note_type.name, note.deck_name, note.guid, " ".join(note.tags), *fields]
    return "\t".join(cell(c) for c in cells) + "\n"


def export_text(decks: Iterable[Deck], path: Path, *, progress: Progress | None = None) -> ExportReport:
    """Write ``decks`` to ``path`` in Anki's text import format.

    The note type names are those of the .apkg export, and Anki skips rows whose note type the
    collection lacks: import the .apkg once first; later text imports then update those notes by GUID.
    Fields are HTML (``#html:true``); a field that a spreadsheet would run as a formula starts with an
    invisible zero-width space.

    Raises:
        UserError: the file cannot be written.
    """
    decks = list(decks)
    notes: list[ExportNote] = []
    with atomic_write(path) as out:
        out.write(HEADER.encode())
        for _, note in build_notes(decks, progress):
            out.write(note_row(note).encode())
            notes.append(note)
    return report(path, decks, notes)
