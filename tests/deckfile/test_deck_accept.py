"""A deck's own abbreviations and synonyms (its ``accept`` table): loaded, checked, and used in grading."""

from __future__ import annotations

from pathlib import Path

from kratom_quiz.deckfile import load_deck
from kratom_quiz.domain.grading import deck_index, grade
from kratom_quiz.domain.model import StudyItem

DECK = """\
id: words
title: Words
version: 1
accept:
  opioid use disorder: [OUD, opioid addiction]
{extra}sources:
  - id: doc
    title: A document
    file: doc.txt
    sha256: "0000000000000000000000000000000000000000000000000000000000000000"
cards:
  - id: typed
    type: typed
    prompt: What is the diagnosis called?
    answer: opioid use disorder
    explanation: The clinical name for a problematic pattern of opioid use.
    topic: terms
    evidence: definition
    source: {{doc: doc, section: Terms}}
  - id: cloze
    type: cloze
    prompt: "Methadone and buprenorphine treat {{{{c1::OUD}}}}."
    explanation: Both are medications for opioid use disorder.
    topic: terms
    evidence: definition
    source: {{doc: doc, section: Terms}}
"""


def load(tmp_path: Path, extra: str = "") -> tuple[object, list[str]]:
    path = tmp_path / "words.yaml"
    path.write_text(DECK.format(extra=extra))
    return load_deck(path, "words.yaml")


def test_a_decks_abbreviation_counts_as_its_term_in_typed_and_cloze_answers(tmp_path: Path) -> None:
    deck, errors = load(tmp_path)
    assert errors == []
    assert deck is not None
    index = deck_index(deck)  # type: ignore[arg-type]
    typed, cloze = deck.cards  # type: ignore[attr-defined]
    assert grade(StudyItem(typed), "OUD", elapsed_ms=1_000, terms=index).correct
    assert grade(StudyItem(typed), "opioid addiction", elapsed_ms=1_000, terms=index).correct
    assert grade(StudyItem(cloze, 1), "opioid use disorders", elapsed_ms=1_000, terms=index).correct
    # Only where the deck says so ("OUD" the glossary knows too).
    assert not grade(StudyItem(typed), "opioid addiction", elapsed_ms=1_000).correct


def test_a_name_declared_for_two_terms_is_refused(tmp_path: Path) -> None:
    deck, errors = load(tmp_path, "  opioid withdrawal: [OUD]\n")  # a second line of the accept table
    assert deck is None
    assert errors == ["words.yaml:6:23: 'OUD' is already a name of 'opioid use disorder'"]
