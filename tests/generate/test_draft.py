"""Drafting cards: evidence guesses, card shapes, determinism, and a deck the loader accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kratom_quiz.deckfile import load_deck
from kratom_quiz.domain.model import CardKind, Evidence
from kratom_quiz.generate.clean import clean
from kratom_quiz.generate.documents import SourceDoc, read_source
from kratom_quiz.generate.draft import HEADER, draft_cards, draft_deck, guess_evidence, render
from kratom_quiz.generate.glossary import default_glossary
from kratom_quiz.generate.sections import parse

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def article_a() -> SourceDoc:
    return read_source(FIXTURES / "article_a.txt")


@pytest.fixture
def article_b() -> SourceDoc:
    return read_source(FIXTURES / "article_b.txt")


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("The FDA warned consumers that kratom can cause seizures.", Evidence.REGULATORY),
        ("The agency placed kratom on an import alert.", Evidence.REGULATORY),
        ("In a study in rats, mitragynine reduced pain sensitivity.", Evidence.PRECLINICAL),
        ("Mitragynine was tested in vitro on cell membranes.", Evidence.PRECLINICAL),
        ("In a survey, users report nausea after taking kratom.", Evidence.OBSERVATIONAL),
        ("A randomized trial measured withdrawal symptoms.", Evidence.CLINICAL_TRIAL),
        ("Kratom may help with pain relief.", Evidence.CLAIM),
        ("Researchers believe that 7-hydroxymitragynine is potent.", Evidence.CLAIM),
        ("Kratom belongs to the Rubiaceae family.", Evidence.DEFINITION),
        # "regulation" of mood is not a regulator
        ("Serotonin is involved in mood regulation.", Evidence.DEFINITION),
    ],
)
def test_guess_evidence(sentence: str, level: Evidence) -> None:
    assert guess_evidence(sentence, default_glossary().find(sentence)) is level


def _cards_for(source: SourceDoc, sentence_start: str) -> list[dict[str, Any]]:
    return [c for c in draft_cards(source) if sentence_start in c["explanation"]]


def test_every_card_kind_for_a_sentence(article_a: SourceDoc) -> None:
    cards = _cards_for(article_a, "Mitragynine, the main alkaloid in kratom")
    assert [c["type"] for c in cards] == ["cloze", "typed", "mcq", "truefalse", "truefalse"]
    cloze, typed, mcq, true, false = cards
    assert cloze["prompt"] == (
        "{{c1::Mitragynine::alkaloid}}, the main alkaloid in kratom, binds to the "
        "{{c2::mu-opioid receptors::receptor}} in the brain."
    )
    assert typed["prompt"].startswith("_____, the main alkaloid in kratom, binds")
    assert typed["answer"] == "Mitragynine"
    alkaloids = {t.name for t in default_glossary().in_category("alkaloids")}
    assert mcq["answer"] == "mitragynine"
    assert len(set(mcq["choices"])) == 4 and set(mcq["choices"]) <= alkaloids
    assert true["answer"] is True and "mitragynine" not in false["prompt"].casefold().split(",")[0]
    assert false["answer"] is False
    assert "false-variant" in false["tags"] and false["explanation"].startswith("False as drafted")
    for card in cards:
        assert card["source"] == {"doc": article_a.id, "section": "Binding to Opioid Receptors"}
        assert card["topic"] == "alkaloids" and card["evidence"] == "definition"
        assert card["id"].startswith(f"draft-{article_a.id}-")


def test_hedged_sentence_is_a_claim_and_says_so(article_a: SourceDoc) -> None:
    cards = _cards_for(article_a, "Researchers believe that 7-hydroxymitragynine")
    assert cards and all(c["evidence"] == "claim" for c in cards)
    assert all(c["prompt"].startswith("According to the article: ") for c in cards)
    assert all("claim made by the article" in c["explanation"] for c in cards)


def _doc(text: str) -> SourceDoc:
    return SourceDoc("notes", "notes.txt", "0" * 64, parse(clean(text), fallback_title="Notes"))


def test_agency_sentence_is_regulatory() -> None:
    source = _doc("The U.S. Food and Drug Administration (FDA) has issued warnings about kratom products.\n")
    typed = next(c for c in draft_cards(source) if c["type"] == "typed")
    assert typed["evidence"] == "regulatory"
    assert typed["answer"] == "U.S. Food and Drug Administration"
    # Both spellings of the agency are blanked, so the prompt does not give the answer away.
    assert typed["prompt"].startswith("According to the article: The _____ (_____) has issued warnings")
    assert "FDA" in typed["accept"]


def test_plural_text_gets_plural_choices_without_narrower_terms() -> None:
    cards = draft_cards(_doc("Kratom binds to opioid receptors in the brain of people.\n"))
    mcq = next(c for c in cards if c["type"] == "mcq")
    assert mcq["answer"] == "opioid receptors"
    assert all(choice.endswith("receptors") for choice in mcq["choices"])
    # mu-opioid receptors are opioid receptors too: never offered as the wrong answer
    assert not any("-opioid" in choice for choice in mcq["choices"])
    false = next(c for c in cards if "false-variant" in c["tags"])
    assert "-opioid" not in false["prompt"] and "receptors in the brain" in false["prompt"]


def test_deck_loads_without_problems(article_a: SourceDoc, article_b: SourceDoc, tmp_path: Path) -> None:
    deck = draft_deck([article_a, article_b], "draft-fixtures", "Fixture draft")
    path = tmp_path / "draft.yaml"
    path.write_text(render(deck), encoding="utf-8")
    loaded, problems = load_deck(path)
    assert problems == []
    assert loaded is not None
    kinds = {c.kind for c in loaded.cards}
    assert kinds == {CardKind.CLOZE, CardKind.TYPED, CardKind.MCQ, CardKind.TRUEFALSE}
    assert [s.file for s in loaded.sources] == ["article_a.txt", "article_b.txt"]
    assert loaded.sources[0].sha256 == article_a.sha256


def test_render_starts_with_draft_warning_and_schema_line(article_a: SourceDoc) -> None:
    text = render(draft_deck([article_a], "d", "D"))
    first, second = text.splitlines()[:2]
    assert first + "\n" == HEADER
    assert second == "# yaml-language-server: $schema=../schema/deck.schema.json"
    assert yaml.safe_load(text)["id"] == "d"


def test_same_input_gives_identical_output(article_a: SourceDoc, article_b: SourceDoc) -> None:
    first = render(draft_deck([article_a, article_b], "d", "D"))
    second = render(draft_deck([article_b, article_a][::-1], "d", "D"))
    assert first.encode() == second.encode()


def test_ids_are_unique_and_stable_when_a_sentence_moves(article_a: SourceDoc) -> None:
    ids = [c["id"] for c in draft_cards(article_a)]
    assert len(ids) == len(set(ids))
    # Ids depend on the sentence, not on its position: drafting a subset keeps them.
    only_cloze = [c["id"] for c in draft_cards(article_a, types=["cloze"])]
    assert set(only_cloze) <= set(ids)


def test_duplicate_source_ids_get_a_suffix(article_a: SourceDoc) -> None:
    deck = draft_deck([article_a, article_a], "d", "D", types=["cloze"])
    assert [s["id"] for s in deck["sources"]] == [article_a.id, f"{article_a.id}-2"]


def test_sentences_naming_no_term_make_no_cards(article_a: SourceDoc) -> None:
    texts = " ".join(c["explanation"] for c in draft_cards(article_a))
    assert "diverse range of vein colors" not in texts


def test_progress_is_reported_once_per_sentence(article_a: SourceDoc) -> None:
    ticks: list[int] = []
    draft_cards(article_a, on_sentence=lambda: ticks.append(1))
    assert len(ticks) == article_a.document.sentence_count == 15
