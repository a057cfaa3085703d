"""The .apkg export, checked by importing it into a fresh collection with Anki's own engine."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef
from kratom_quiz.exporters.anki import export_apkg
from kratom_quiz.exporters.notes import note_tags

from .conftest import BASICS, EXPECTED_COUNTS, SAFETY, import_apkg, letter_of, load, note_of, write_decks

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def col(col_with_basics: Any) -> Any:
    """A fresh collection with the export of both decks imported."""
    return col_with_basics


def visible(html: str) -> str:
    """The text a learner sees: style and tags removed (attributes may hold hidden cloze answers)."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_report_counts_notes_and_cards(decks: list[Deck], tmp_path: Path) -> None:
    report = export_apkg(decks, tmp_path / "kq.apkg", now=T0)
    assert (report.decks, report.notes, report.cards) == (2, 8, 10)
    assert report.notes_by_kind[CardKind.CLOZE] == 2
    assert str(tmp_path / "kq.apkg") in report.summary()


def test_notes_and_cards_per_note_type(col: Any) -> None:
    counts = {}
    for name in EXPECTED_COUNTS:
        notetype = col.models.by_name(name)
        assert notetype is not None, f"note type {name} missing"
        mid = notetype["id"]
        counts[name] = (len(col.find_notes(f"mid:{mid}")), len(col.find_cards(f"mid:{mid}")))
    assert counts == EXPECTED_COUNTS
    assert col.note_count() == 8


def test_a_cloze_with_three_deletions_makes_three_cards(col: Any) -> None:
    note = note_of(col, "alkaloid-cloze", "Text", "{{c3::liver}}")
    assert sorted(c.ord for c in note.cards()) == [0, 1, 2]


def test_cloze_note_type_is_ankis_cloze_type_with_extra_fields(col: Any) -> None:
    notetype = col.models.by_name("Kratom Quiz Cloze")
    assert notetype["type"] == 1  # MODEL_CLOZE
    assert col.models.field_names(notetype) == ["Text", "Explanation", "Source", "Evidence", "Topic"]


def test_deck_names(col: Any) -> None:
    names = {col.decks.name(col.get_card(cid).did) for cid in col.find_cards("")}
    assert names == {"Kratom Quiz::Kratom <basics> & more", "Kratom Quiz::Risk awareness"}
    withdrawal = note_of(col, "withdrawal", "Front", "stopping regular kratom")
    assert col.decks.name(withdrawal.cards()[0].did) == "Kratom Quiz::Risk awareness"


def test_fields_and_tags(col: Any) -> None:
    note = note_of(col, "alk-primary", "Question", "abundant in the leaf")
    assert note["Source"] == "Kratom: a review — Alkaloids"
    assert note["Evidence"] == "Definition"
    assert note["Topic"] == "alkaloids"
    assert note["Explanation"] == "Mitragynine makes up most of the alkaloid content."
    assert sorted(note.tags) == ["core", "evidence::definition", "exam-prep", "topic::alkaloids"]
    tf = note_of(col, "fda-approved", "Question", "FDA has approved")
    assert set(tf.tags) == {"evidence::regulatory", "topic::regulation"}


def test_tags_have_no_spaces() -> None:
    source = SourceRef("s", "x")
    card = Card("d", "c", CardKind.BASIC, "p", "e", "side effects", Evidence.CLAIM, source, ("two words",))
    assert note_tags(card) == ("topic::side_effects", "evidence::claim", "two_words")


# (field holding the prompt, prompt text, texts on the front, texts only on the back)
RENDERED = {
    "mcq": (
        "Question",
        "abundant in the leaf",
        ["Choose one", "A.", "Mitragynine", "B.", "7-Hydroxymitragynine", "D.", "Morphine", "in your head"],
        ["Mitragynine makes up most", "An opium alkaloid; kratom has none.", "Kratom: a review — Alkaloids"],
    ),
    "multi": (
        "Question",
        "Which receptors",
        ["Choose all that apply", "A.", "Mu-opioid", "B.", "Adrenergic alpha-2", "Insulin", "in your head"],
        ["Binding studies report", "Preclinical"],
    ),
    "truefalse": (
        "Question",
        "FDA has approved",
        ["True or false?", "A.", "True", "B.", "False", "in your head"],
        ["The FDA has approved no kratom product", "Regulatory"],
    ),
    "typed": (
        "Question",
        "which tree",
        ["Type the answer"],
        ["Mitragyna", "Also accepted: Mitragyna speciosa", "tropical tree"],
    ),
    "basic": ("Front", "stopping regular", ["What can stopping"], ["Withdrawal symptoms.", "Observational"]),
    "cloze": ("Text", "{{c3::liver}}", ["is converted to", "in the"], ["Liver enzymes make", "7-hydroxy"]),
}
FRONT_ONLY = {"cloze": "[a metabolite]"}
# The right options of each question note (the letters depend on the note's shuffle).
KEYS = {"mcq": ["Mitragynine"], "multi": ["Mu-opioid", "Adrenergic alpha-2"]}


@pytest.mark.parametrize("kind", list(RENDERED))
def test_rendered_question_and_answer(col: Any, kind: str) -> None:
    field, prompt, front, back_only = RENDERED[kind]
    note = note_of(col, kind, field, prompt)
    # The cloze's second deletion has a hint: it shows on the front and the hidden text on the back.
    card = sorted(note.cards(), key=lambda c: c.ord)[1 if kind == "cloze" else 0]
    question, answer = card.question(), card.answer()
    for text in front:
        assert text in visible(question), f"{text!r} not on the front of the {kind} card"
        assert text in visible(answer), f"{text!r} not on the back of the {kind} card"
    for text in back_only:
        assert text in visible(answer), f"{text!r} not on the back of the {kind} card"
        assert text not in visible(question), f"{text!r} gives the {kind} answer away on the front"
    if kind in FRONT_ONLY:
        assert FRONT_ONLY[kind] in visible(question)
        assert FRONT_ONLY[kind] not in visible(answer)
    if kind in KEYS:
        shown = sorted((letter_of(note, key), key) for key in KEYS[kind])
        expected = "<br>".join(f"<b>{letter}.</b> {key}" for letter, key in shown)
        assert f'<div class="kq-answer">{expected}</div>' in answer
    if kind == "truefalse":
        assert '<div class="kq-answer"><b>B.</b> False</div>' in answer
    assert 'class="kq-answer"' not in question


def test_cloze_hides_the_active_deletion_only(col: Any) -> None:
    note = note_of(col, "alkaloid-cloze", "Text", "{{c3::liver}}")
    first = next(c for c in note.cards() if c.ord == 0)
    shown = visible(first.question())
    assert "[...]" in shown
    assert "Mitragynine" not in shown
    assert "7-hydroxymitragynine" in shown and "liver" in shown
    assert "Mitragynine" in visible(first.answer())


def test_html_in_card_text_shows_escaped(col: Any) -> None:
    mcq = note_of(col, "alk-primary", "Question", "abundant in the leaf")
    question = mcq.cards()[0].question()
    assert "&lt;b&gt;most&lt;/b&gt;" in question
    assert "<b>most</b>" not in question
    assert "Caffeine &amp; co" in question
    cloze = note_of(col, "alkaloid-cloze", "Text", "{{c3::liver}}").cards()[0].question()
    assert "(&amp; &lt;i&gt;in vitro&lt;/i&gt;)" in cloze
    assert "<i>in vitro</i>" not in cloze


def test_line_breaks_in_card_text_become_br(col: Any) -> None:
    note = note_of(col, "formula-like", "Front", "HYPERLINK")
    assert note["Explanation"] == "-5 mg is a made-up figure.<br>A second line with a tab."


def test_notes_carry_the_export_time(decks: list[Deck], tmp_path: Path, new_collection: Any) -> None:
    before = int(time.time())
    export_apkg(decks, tmp_path / "kq.apkg")
    after = int(time.time())
    import_apkg(new_collection, tmp_path / "kq.apkg")
    stamps = {new_collection.get_note(nid).mod for nid in new_collection.find_notes("")}
    assert len(stamps) == 1
    assert before <= stamps.pop() <= after


def test_a_newer_export_updates_the_edited_note_and_keeps_progress(
    decks: list[Deck], tmp_path: Path, new_collection: Any
) -> None:
    col = new_collection
    export_apkg(decks, tmp_path / "v1.apkg", now=T0)
    import_apkg(col, tmp_path / "v1.apkg")
    fields_before = {col.get_note(nid).guid: list(col.get_note(nid).fields) for nid in col.find_notes("")}
    # The learner studies a card in Anki before the update arrives.
    col.decks.select(col.decks.id_for_name("Kratom Quiz"))
    studied = col.sched.getCard()
    col.sched.answerCard(studied, 3)
    studied = col.get_card(studied.id)
    assert studied.reps == 1

    edited = BASICS.replace("Withdrawal symptoms.", "never shown").replace(
        "Which alkaloid is <b>most</b> abundant", "Which alkaloid is the most plentiful"
    )
    assert edited != BASICS
    new_decks = load(write_decks(tmp_path / "v2", edited, SAFETY))
    export_apkg(new_decks, tmp_path / "v2.apkg", now=T0 + timedelta(days=1))
    log = import_apkg(col, tmp_path / "v2.apkg")

    assert len(log.new) == 0
    assert col.note_count() == 8
    assert col.card_count() == 10
    changed = note_of(col, "alk-primary", "Question", "most plentiful")
    assert fields_before[changed.guid][0] != changed["Question"]
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        if note.guid != changed.guid:
            assert list(note.fields) == fields_before[note.guid]
    after = col.get_card(studied.id)
    assert (after.reps, after.ivl, after.due, after.type) == (
        studied.reps,
        studied.ivl,
        studied.due,
        studied.type,
    )


def test_export_ids_are_stable(decks: list[Deck], tmp_path: Path, new_collection: Any) -> None:
    export_apkg(decks, tmp_path / "a.apkg", now=T0)
    export_apkg(list(reversed(decks)), tmp_path / "b.apkg", now=T0 + timedelta(hours=1))
    import_apkg(new_collection, tmp_path / "a.apkg")
    log = import_apkg(new_collection, tmp_path / "b.apkg")
    assert len(log.new) == 0
    assert new_collection.note_count() == 8
    assert len(new_collection.decks.all_names_and_ids(include_filtered=False, skip_empty_default=True)) == 3
