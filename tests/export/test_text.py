"""The text export, checked by importing it with Anki's engine next to (and after) the .apkg."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kratom_quiz.domain.model import Deck
from kratom_quiz.exporters.anki import export_apkg
from kratom_quiz.exporters.text import NEUTRALISER, export_text

from .conftest import (
    BASICS,
    EXPECTED_COUNTS,
    SAFETY,
    import_apkg,
    import_text,
    letter_of,
    load,
    note_of,
    write_decks,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
HEADERS = [
    "#separator:tab",
    "#html:true",
    "#notetype column:1",
    "#deck column:2",
    "#guid column:3",
    "#tags column:4",
]


def rows(path: Path) -> list[list[str]]:
    """The data rows of a text export, split into cells."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if not line.startswith("#")]


def with_note_types_only(col: Any, decks: list[Deck], folder: Path) -> None:
    """Give ``col`` the export's note types but none of its notes (as after deleting them in Anki)."""
    export_apkg(decks, folder / "types.apkg", now=T0)
    import_apkg(col, folder / "types.apkg")
    col.remove_notes(list(col.find_notes("")))
    assert col.note_count() == 0


def test_file_starts_with_anki_headers(decks: list[Deck], tmp_path: Path) -> None:
    report = export_text(decks, tmp_path / "kq.txt")
    lines = (tmp_path / "kq.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:6] == HEADERS
    assert len(lines) == 6 + report.notes == 14


def test_one_line_per_note_despite_tabs_and_line_breaks(decks: list[Deck], tmp_path: Path) -> None:
    export_text(decks, tmp_path / "kq.txt")
    data = rows(tmp_path / "kq.txt")
    assert len(data) == 8
    assert len({len(r) for r in data}) == 1  # every row has the same number of cells
    formula = next(r for r in data if "HYPERLINK" in r[4])
    assert "made-up figure.<br>A second line with a tab." in formula[6]


def test_formula_cells_are_neutralised(decks: list[Deck], tmp_path: Path) -> None:
    export_text(decks, tmp_path / "kq.txt")
    cells = [c for r in rows(tmp_path / "kq.txt") for c in r]
    assert not [c for c in cells if c.lstrip().startswith(("=", "+", "-", "@"))]
    assert NEUTRALISER + "=HYPERLINK(&quot;http://example.invalid&quot;)" in cells
    assert NEUTRALISER + "+1 is not a dose" in cells
    assert "7-Hydroxymitragynine" in "".join(cells)  # a '-' inside a cell is left alone


def test_imports_into_a_collection_with_the_note_types(
    decks: list[Deck], tmp_path: Path, new_collection: Any
) -> None:
    col = new_collection
    with_note_types_only(col, decks, tmp_path)
    export_text(decks, tmp_path / "kq.txt")
    log = import_text(col, tmp_path / "kq.txt")
    assert len(log.missing_notetype) == 0
    counts = {}
    for name in EXPECTED_COUNTS:
        mid = col.models.by_name(name)["id"]
        counts[name] = (len(col.find_notes(f"mid:{mid}")), len(col.find_cards(f"mid:{mid}")))
    assert counts == EXPECTED_COUNTS

    mcq = note_of(col, "alk-primary", "Question", "abundant in the leaf")
    assert col.decks.name(mcq.cards()[0].did) == "Kratom Quiz::Kratom <basics> & more"
    assert sorted(mcq.tags) == ["core", "evidence::definition", "exam-prep", "topic::alkaloids"]
    assert mcq["Source"] == "Kratom: a review — Alkaloids"
    question, answer = mcq.cards()[0].question(), mcq.cards()[0].answer()
    other = letter_of(mcq, "7-Hydroxymitragynine")
    assert "&lt;b&gt;most&lt;/b&gt;" in question and f"<b>{other}.</b> 7-Hydroxymitragynine" in question
    key = letter_of(mcq, "Mitragynine")
    assert f'<div class="kq-answer"><b>{key}.</b> Mitragynine</div>' in answer
    assert "Mitragynine makes up most" in answer

    cloze = note_of(col, "alkaloid-cloze", "Text", "{{c3::liver}}")
    assert len(cloze.cards()) == 3


def test_neutralised_formula_shows_as_written_in_anki(
    decks: list[Deck], tmp_path: Path, new_collection: Any
) -> None:
    col = new_collection
    with_note_types_only(col, decks, tmp_path)
    export_text(decks, tmp_path / "kq.txt")
    import_text(col, tmp_path / "kq.txt")
    note = note_of(col, "formula-like", "Front", "HYPERLINK")
    shown = note.cards()[0].question()
    assert "=HYPERLINK(&quot;http://example.invalid&quot;)" in shown.replace(NEUTRALISER, "")
    assert "'=HYPERLINK" not in shown  # nothing visible was added in front


def test_text_import_updates_the_notes_of_the_apkg(tmp_path: Path, new_collection: Any) -> None:
    col = new_collection
    export_apkg(load(write_decks(tmp_path / "v1")), tmp_path / "kq.apkg", now=T0)
    import_apkg(col, tmp_path / "kq.apkg")
    edited = load(write_decks(tmp_path / "v2", BASICS, SAFETY.replace("Withdrawal symptoms.", "Withdrawal.")))
    export_text(edited, tmp_path / "kq.txt")
    log = import_text(col, tmp_path / "kq.txt")
    assert len(log.new) == 0
    assert col.note_count() == 8
    assert note_of(col, "withdrawal", "Back", "Withdrawal")["Back"] == "Withdrawal."
