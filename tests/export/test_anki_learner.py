"""The .apkg export as a learner meets it in Anki: no position cue, a real type-in box, and re-imports
that leave unchanged notes (and the learner's tags on them) alone."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kratom_quiz.deckfile import load_decks
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef
from kratom_quiz.exporters.anki import export_apkg
from kratom_quiz.exporters.notes import LETTERS, note_guid, option_order
from kratom_quiz.exporters.stamps import Stamps
from kratom_quiz.paths import bundled_decks_dir

from .conftest import BASICS, SAFETY, import_apkg, letter_of, load, note_of, write_decks

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _mcq(i: int, n: int = 4) -> Card:
    choices = tuple(f"Option {i}-{k}" for k in range(n))
    return Card(
        "d", f"card-{i}", CardKind.MCQ, f"Question {i}?", "Why.", "t", Evidence.DEFINITION,
        SourceRef("s", "x"), choices=choices, answers=(choices[0],),
    )  # fmt: skip


def test_the_key_sits_at_each_letter_about_equally_often() -> None:
    cards = [_mcq(i) for i in range(800)]
    slots = Counter(option_order(c, note_guid("d", c.id)).index(c.answers[0]) for c in cards)
    assert sorted(slots) == [0, 1, 2, 3]
    for slot, count in slots.items():
        assert 0.2 <= count / len(cards) <= 0.3, f"key at {LETTERS[slot]} in {count} of {len(cards)}"


def test_the_shuffle_is_the_same_in_every_export_and_keeps_every_option() -> None:
    card = _mcq(7, n=6)
    guid = note_guid("d", card.id)
    assert option_order(card, guid) == option_order(card, guid)
    assert sorted(option_order(card, guid)) == sorted(card.choices)
    # The order follows the note: cards with the same options are shuffled differently from each other.
    same = [
        (c.id, option_order(c, note_guid("d", c.id))) for c in (replace(card, id=f"c{i}") for i in range(20))
    ]
    assert len({order for _, order in same}) >= 5


def _bundled() -> list[Deck]:
    result = load_decks([bundled_decks_dir()])
    assert result.errors == []
    return result.decks


def test_bundled_decks_keys_spread_across_the_letters_in_anki(tmp_path: Path, new_collection: Any) -> None:
    decks = _bundled()
    export_apkg(decks, tmp_path / "all.apkg", now=T0)
    import_apkg(new_collection, tmp_path / "all.apkg")
    col = new_collection
    mcq = col.models.by_name("Kratom Quiz Multiple choice")
    keys: Counter[str] = Counter()
    for nid in col.find_notes(f"mid:{mcq['id']}"):
        note = col.get_note(nid)
        keys[note["Answer"].split("</b>")[0].removeprefix("<b>").rstrip(".")] += 1
    total = sum(keys.values())
    assert total >= 20
    for letter in "ABCD":
        assert keys[letter] / total >= 0.12, f"key at {letter} in {keys[letter]} of {total} mcq notes: {keys}"
    multi = col.models.by_name("Kratom Quiz Multiple answer")
    first_is_key = 0
    multi_notes = col.find_notes(f"mid:{multi['id']}")
    for nid in multi_notes:
        note = col.get_note(nid)
        first_is_key += note["Answer"].startswith("<b>A.</b>")
    assert multi_notes and first_is_key < len(multi_notes), "every multi note lists a right option first"


def test_typed_cards_have_ankis_type_in_box_and_compare_the_answer_alone(col_with_basics: Any) -> None:
    col = col_with_basics
    note = note_of(col, "tree-name", "Question", "which tree")
    assert note["Answer"] == "Mitragyna"
    card = note.cards()[0]
    # Anki's renderer leaves this marker, which its reviewer (desktop and AnkiDroid) turns into the input box
    # on the front and into the comparison of what was typed on the back.
    assert "[[type:Answer]]" in card.question()
    back = card.answer()
    assert "[[type:Answer]]" in back
    assert "Also accepted: Mitragyna speciosa" in back
    # What Anki shows a learner who typed the right answer: no part of it marked wrong or missing.
    compared = col.compare_answer(note["Answer"], "Mitragyna")
    assert "typeBad" not in compared and "typeMissed" not in compared


def test_reimport_updates_only_the_edited_note_and_keeps_the_learners_tags(
    tmp_path: Path, new_collection: Any
) -> None:
    col = new_collection
    stamps = tmp_path / "stamps.json"
    # Real times: Anki stamps the learner's edits with the clock, and an update must be newer to apply.
    now = datetime.now(UTC)
    v1 = now - timedelta(days=10)
    export_apkg(load(write_decks(tmp_path / "v1")), tmp_path / "v1.apkg", now=v1, stamps=Stamps(stamps))
    import_apkg(col, tmp_path / "v1.apkg")
    # The learner marks an unchanged note and tags it, and adds their own tag to the note we will edit.
    kept = note_of(col, "withdrawal", "Front", "stopping regular")
    kept.add_tag("marked")
    kept.add_tag("my-exam")
    col.update_note(kept)
    edited = note_of(col, "fda-approved", "Question", "FDA has approved")
    edited.add_tag("mine")
    col.update_note(edited)

    v2 = BASICS.replace("for treating pain.", "for treating any condition.")
    assert v2 != BASICS
    later = now + timedelta(seconds=2)
    new_decks = load(write_decks(tmp_path / "v2", v2, SAFETY))
    export_apkg(new_decks, tmp_path / "v2.apkg", now=later, stamps=Stamps(stamps))
    log = import_apkg(col, tmp_path / "v2.apkg")

    assert len(log.new) == 0
    assert [n.id.nid for n in log.updated] == [edited.id]
    kept = col.get_note(kept.id)
    assert {"marked", "my-exam"} <= set(kept.tags)
    assert "any condition" in col.get_note(edited.id)["Question"]


def test_unchanged_notes_keep_their_time_across_exports(tmp_path: Path, new_collection: Any) -> None:
    decks = load(write_decks(tmp_path / "d"))
    ledger = tmp_path / "stamps.json"
    export_apkg(decks, tmp_path / "a.apkg", now=T0, stamps=Stamps(ledger))
    export_apkg(decks, tmp_path / "b.apkg", now=T0 + timedelta(days=9), stamps=Stamps(ledger))
    import_apkg(new_collection, tmp_path / "b.apkg")
    mods = {new_collection.get_note(nid).mod for nid in new_collection.find_notes("")}
    assert mods == {int(T0.timestamp())}


def test_an_edit_within_the_same_second_still_gets_a_newer_time(tmp_path: Path) -> None:
    stamps = Stamps(tmp_path / "s.json")
    first = stamps.stamp("g", "v1", 100)
    assert stamps.stamp("g", "v1", 500) == first
    assert stamps.stamp("g", "v2", 100) == 101
    stamps.save()
    assert Stamps(tmp_path / "s.json").stamp("g", "v2", 900) == 101


def test_a_damaged_ledger_is_treated_as_empty(tmp_path: Path) -> None:
    ledger = tmp_path / "s.json"
    for damaged in ("{not json", json.dumps([1, 2]), json.dumps({"g": ["x"]}), "\udcff"):
        ledger.write_text(damaged, encoding="utf-8", errors="surrogateescape")
        assert Stamps(ledger).stamp("g", "v", 42) == 42


def test_mcq_letters_match_between_options_and_answer(col_with_basics: Any) -> None:
    note = note_of(col_with_basics, "alk-primary", "Question", "abundant in the leaf")
    assert note["Answer"] == f"<b>{letter_of(note, 'Mitragynine')}.</b> Mitragynine"
