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
from kratom_quiz.generate.judge import skip_reason
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
        # Saying trials are needed reports that there is none: what the sentence asserts is a claim.
        ("Clinical trials are needed to confirm kratom's effect on pain.", Evidence.CLAIM),
        ("There is a lack of clinical trials on kratom for depression.", Evidence.CLAIM),
        # A benefit stated plainly, with no study behind it, is still a claim.
        ("Kratom can serve as an adjunct therapy alongside SSRIs.", Evidence.CLAIM),
        ("Kratom provides relief from chronic pain.", Evidence.CLAIM),
        ("Kratom may help with pain relief.", Evidence.CLAIM),
        ("Researchers believe that 7-hydroxymitragynine is potent.", Evidence.CLAIM),
        ("Kratom belongs to the Rubiaceae family.", Evidence.DEFINITION),
        # "regulation" of mood is not a regulator
        ("Serotonin is involved in mood regulation.", Evidence.DEFINITION),
    ],
)
def test_guess_evidence(sentence: str, level: Evidence) -> None:
    assert guess_evidence(sentence, default_glossary().find(sentence)) is level


def _cards_for(source: SourceDoc, sentence_start: str, **kwargs: Any) -> list[dict[str, Any]]:
    return [c for c in draft_cards(source, **kwargs) if sentence_start in c["explanation"]]


def test_one_card_per_sentence_of_each_wanted_kind(article_a: SourceDoc) -> None:
    start = "Mitragynine, the main alkaloid in kratom"
    # By default one card a sentence: a cloze, a typed and an mcq card of one sentence hand each other
    # their answers. The sentence names kratom's main alkaloid: a statement says which it is, and why
    # that matters. "Which is the primary alkaloid?" among morphine, caffeine and codeine would give itself
    # away (only "mitragynine" sounds like the genus Mitragyna): no mcq.
    (card,) = _cards_for(article_a, start)
    assert card["type"] == "truefalse" and "most abundant (primary)" in card["prompt"]
    assert "A plant's most abundant compound need not be its most potent" in card["explanation"]
    assert _cards_for(article_a, start, types=["mcq"]) == []
    (cloze,) = _cards_for(article_a, start, types=["cloze"])
    assert cloze["prompt"] == (
        "{{c1::Mitragynine::alkaloid}}, the main alkaloid in kratom, binds to the mu-opioid receptors in the "
        "brain."
    )
    (typed,) = _cards_for(article_a, start, types=["typed"])
    assert typed["prompt"].startswith("_____, the main alkaloid in kratom, binds")
    assert typed["answer"] == "Mitragynine"
    # As a statement, a false form may name another of kratom's alkaloids as the primary one: surely false
    # for that slot (a swap in "kratom alkaloids such as ..." would not be).
    (statement,) = _cards_for(article_a, start, types=["truefalse"])
    if statement["answer"] is False:
        assert statement["prompt"].startswith("7-hydroxymitragynine is the most abundant (primary)")
        assert statement["explanation"].startswith("False: the article names mitragynine")
    else:
        assert statement["prompt"] == "Mitragynine is the most abundant (primary) alkaloid in kratom."
    for made in (card, cloze, typed):
        assert made["source"] == {"doc": article_a.id, "section": "Binding to Opioid Receptors"}
        assert made["topic"] == "alkaloids"
        assert made["id"].startswith(f"draft-{article_a.id}-")
        assert 'The article says: "Mitragynine, the main alkaloid' in made["explanation"]


def test_false_statements_only_swap_terms_that_name_one_thing() -> None:
    drafted = draft_cards(
        _doc(
            "Kratom belongs to the Rubiaceae family of flowering plants.\n\n"
            "Kratom, also known as Mitragyna speciosa, is a tree native to Asia.\n\n"
            "Kratom use is associated with constipation in many regular users.\n"
        ),
        types=["truefalse"],
    )
    assert len(drafted) == 2  # the constipation sentence makes none: another effect could be as true
    glossary = default_glossary()
    not_kratom = {
        t.name for c in ("plant-families", "species") for t in glossary.in_category(c) if t.kratom is False
    }
    for card in drafted:
        if card["answer"] is False:
            assert "false-variant" in card["tags"] and card["explanation"].startswith("False: the article")
            # The swapped-in term is one the glossary marks as surely not kratom's.
            assert any(n in card["prompt"] for n in not_kratom)
            assert not ("Rubiaceae" in card["prompt"] or "Mitragyna speciosa" in card["prompt"])
        else:
            assert "Rubiaceae" in card["prompt"] or "Mitragyna speciosa" in card["prompt"]


def test_true_and_false_drafts_are_about_balanced() -> None:
    lines = [f"Kratom tree number {i} in the garden belongs to the Rubiaceae family.\n\n" for i in range(40)]
    drafted = draft_cards(_doc("".join(lines)), types=["truefalse"])
    true = sum(c["answer"] is True for c in drafted)
    assert len(drafted) == 40 and 12 <= true <= 28


def test_a_list_of_alkaloids_whose_names_give_them_away_makes_no_multi_card() -> None:
    # Both "mitragyn-" names beside morphine and caffeine: a learner who knows the genus Mitragyna picks
    # them without knowing the alkaloids. With no look-alike wrong option, no multi card.
    text = "The two key alkaloids found in kratom leaf are mitragynine and 7-hydroxymitragynine.\n"
    assert draft_cards(_doc(text), types=["multi"]) == []
    # Alkaloids whose names share nothing with the genus still make one, every wrong option explained.
    (card,) = draft_cards(_doc("Kratom alkaloids include paynantheine and speciociliatine in leaves.\n"))
    assert card["type"] == "multi" and sorted(card["answers"]) == ["paynantheine", "speciociliatine"]
    wrong = set(card["choices"]) - set(card["answers"])
    assert len(wrong) == 2 and set(card["rationale"]) == wrong


def test_a_list_of_effects_is_no_multi_card() -> None:
    # Another adverse effect offered as wrong may be just as real: no multi or mcq on effects. A blank in
    # a list needs a clue that singles its term out ("the effect of opioids slowing the bowel").
    (card,) = draft_cards(_doc("Adverse effects reported by kratom users include nausea and constipation.\n"))
    assert card["type"] in {"cloze", "typed"}
    assert "opioids slowing the bowel" in card["prompt"]
    assert draft_cards(_doc("Adverse effects reported by kratom users include nausea and vomiting.\n")) == []


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Consult a healthcare provider before using kratom for chronic pain.", "advice"),
        ("Users should start low and take kratom capsules with food.", "advice"),
        ("Higher doses of kratom raise the risk of constipation.", "advice"),
        ("More research is needed on mitragynine and the mu-opioid receptor.", "restatement"),
        ("Clinical trials are essential to establish the role of 7-hydroxymitragynine.", "restatement"),
        ("It activates these receptors less than kratom does in mice.", "needs the sentence before it"),
        ("Chronic pain lasts for more than three months in most people.", "not about kratom"),
        ("Mitragynine binds to the mu-opioid receptor in the brain.", None),
    ],
)
def test_sentences_that_advise_or_state_the_obvious_make_no_card(sentence: str, reason: str | None) -> None:
    assert skip_reason(sentence) == reason
    assert bool(draft_cards(_doc(sentence + "\n"))) is (reason is None)


def test_ranking_keeps_the_cards_that_teach_most(article_a: SourceDoc, article_b: SourceDoc) -> None:
    everything = draft_deck([article_a, article_b], "d", "D")["cards"]
    best = draft_deck([article_a, article_b], "d", "D", max_cards=3)["cards"]
    assert len(everything) > 3 and best == everything[:3]
    # Where kratom grows is trivia (no card); its plant family, a name that teaches neither risk nor
    # mechanism, ranks below the threshold, while judging a study's evidence reaches the deck.
    topics = [c["topic"] for c in everything]
    assert "places" not in topics and "plant-families" not in topics and "evidence" in topics
    assert "plant-families" in {c["topic"] for c in draft_cards(article_a) + draft_cards(article_b)}


def test_hedged_sentence_is_a_claim_and_says_so(article_a: SourceDoc, article_b: SourceDoc) -> None:
    cards = _cards_for(article_a, "Researchers believe that 7-hydroxymitragynine")
    assert cards and all(c["evidence"] == "claim" for c in cards)
    # The hedge stays in the prompt, which says whose account it is.
    assert all(c["prompt"].startswith("In the article's account, researchers believe") for c in cards)
    assert all("without citing a study" in c["explanation"] for c in cards)
    # Such a draft teaches too little to reach the deck a reviewer gets.
    deck = draft_deck([article_a, article_b], "d", "D")
    assert not any("Researchers believe" in c["explanation"] for c in deck["cards"])


def _doc(text: str) -> SourceDoc:
    return SourceDoc("notes", "notes.txt", "0" * 64, parse(clean(text), fallback_title="Notes"))


def test_agency_sentence_is_regulatory_and_typed_only_when_one_agency_fits() -> None:
    source = _doc("The U.S. Food and Drug Administration (FDA) placed kratom on an import alert in 2014.\n")
    (typed,) = draft_cards(source, types=["typed"])
    assert typed["evidence"] == "regulatory" and typed["topic"] == "agencies"
    # The question is asked in its own words; neither spelling of the agency is left in it.
    assert typed["prompt"] == "Which agency placed kratom on an import alert in 2014? Type its name."
    assert typed["answer"] == "FDA" and "U.S. Food and Drug Administration" in typed["accept"]
    # The FDA, DEA and CDC have all warned: "which agency has warned?" has several right answers.
    warned = _doc("The U.S. Food and Drug Administration (FDA) has issued warnings about kratom products.\n")
    assert draft_cards(warned, types=["typed", "cloze"]) == []


def test_receptors_and_interactions_never_offer_another_as_a_wrong_option() -> None:
    # Kratom acts at several receptors and interacts with many drugs: another one offered as the wrong
    # answer would often be right. A receptor sentence makes a cloze or typed card...
    source = _doc("Kratom binds to opioid receptors in the brain of people.\n")
    assert draft_cards(source, types=["mcq", "multi"]) == []
    (card,) = draft_cards(source)
    assert card["type"] in {"cloze", "typed"}
    # ...and an interaction with a sedative a scenario whose options are ways it could be dangerous.
    (scenario,) = draft_cards(
        _doc("Kratom may interact with opioids, benzodiazepines and alcohol in people.\n")
    )
    assert scenario["prompt"].startswith("A person who uses kratom is prescribed a benzodiazepine")
    assert scenario["answer"] == "Both depress breathing and alertness, and the effects add up"
    glossary = default_glossary()
    offered = {m.term.category for choice in scenario["choices"] for m in glossary.find(choice)}
    assert "interactions" not in offered
    assert scenario["evidence"] == "observational" and len(scenario["rationale"]) == 3
    # "What makes it dangerous?" rules out "Nothing": every option names a danger the two could share.
    assert all(c.startswith("Both ") for c in scenario["choices"])


def test_a_wrong_option_is_never_a_kind_of_a_term_in_the_sentence() -> None:
    (card,) = draft_cards(
        _doc("The two key alkaloids found in kratom leaf are paynantheine and speciociliatine.\n"),
        types=["multi"],
    )
    glossary = default_glossary()
    listed = [t for t in glossary.in_category("alkaloids") if t.name in card["answers"]]
    for wrong in set(card["choices"]) - set(card["answers"]):
        term = next(t for t in glossary.in_category("alkaloids") if t.name == wrong)
        assert not any(term.related(t) for t in listed)


def test_the_same_fact_drafted_twice_is_kept_once() -> None:
    deck = draft_deck(
        [
            _doc(
                "The two key alkaloids found in kratom leaf are paynantheine and speciociliatine.\n\n"
                "Kratom alkaloids such as paynantheine and speciociliatine act on the brain of people.\n"
            )
        ],
        "d",
        "D",
    )
    assert len(deck["cards"]) == 1


def test_deck_loads_without_problems(article_a: SourceDoc, article_b: SourceDoc, tmp_path: Path) -> None:
    deck = draft_deck([article_a, article_b], "draft-fixtures", "Fixture draft")
    path = tmp_path / "draft.yaml"
    path.write_text(render(deck), encoding="utf-8")
    loaded, problems = load_deck(path)
    assert problems == []
    assert loaded is not None
    kinds = {c.kind for c in loaded.cards}
    assert kinds >= {CardKind.MCQ, CardKind.TYPED}
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
    # Ids depend on the sentence, not on its position: a sentence added before the others keeps theirs.
    text = (FIXTURES / "article_a.txt").read_text(encoding="utf-8")
    moved = text.replace(
        "Where Kratom Grows\n",
        "Where Kratom Grows\n\nMitraphylline is another alkaloid of the kratom leaf.\n",
    )
    assert moved != text
    source = SourceDoc(article_a.id, "a.txt", "0" * 64, parse(clean(moved), fallback_title="A"))
    assert set(ids) < {c["id"] for c in draft_cards(source)}


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
