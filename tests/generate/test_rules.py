"""Drafting rules a reviewer judges by: evidence from what a sentence reports, skips, surely-wrong options."""

from __future__ import annotations

from typing import Any

import pytest

from kratom_quiz.domain.model import Evidence
from kratom_quiz.generate.cards import given_away
from kratom_quiz.generate.clean import clean
from kratom_quiz.generate.documents import SourceDoc
from kratom_quiz.generate.draft import draft_cards, draft_deck
from kratom_quiz.generate.glossary import default_glossary
from kratom_quiz.generate.judge import evidence_cue, guess_evidence, skip_reason
from kratom_quiz.generate.sections import parse


def _doc(text: str) -> SourceDoc:
    return SourceDoc("notes", "notes.txt", "0" * 64, parse(clean(text), fallback_title="Notes"))


def _only(text: str, **kwargs: Any) -> dict[str, Any]:
    (card,) = draft_cards(_doc(text), **kwargs)
    return card


def _evidence(sentence: str) -> Evidence:
    return guess_evidence(sentence, default_glossary().find(sentence))


def test_saying_trials_are_needed_is_no_trial() -> None:
    sentence = "Clinical trials are needed to establish whether kratom relieves depression."
    assert _evidence(sentence) is Evidence.CLAIM
    assert skip_reason(sentence) == "restatement"
    assert _evidence("A randomized trial of kratom measured withdrawal symptoms in people.") is (
        Evidence.CLINICAL_TRIAL
    )


def test_a_mouse_study_is_preclinical_and_makes_an_evidence_question() -> None:
    card = _only("A study found that mitragynine reduced pain sensitivity in mice.\n")
    assert card["evidence"] == "preclinical" and card["topic"] == "evidence"
    assert card["prompt"].endswith("What kind of evidence is this?")
    assert card["answer"] == "Preclinical"
    # Bare names of the kinds: a gloss ("a study in animals") would echo the stem's "mice".
    assert set(card["choices"]) == {"Preclinical", "Clinical trial", "Observational", "Regulatory"}
    # Each wrong kind says why it is wrong, for the learner: no note about the sentence's words.
    rationale = card["rationale"].values()
    assert len(rationale) == 3 and all("comes from a study in animals or cells" in why for why in rationale)
    assert not any("names" in why or "mice" in why for why in rationale)


def test_a_mouse_study_filed_under_human_studies_is_corrected() -> None:
    card = _only(
        "Human Studies\n\nA study examined mitragynine in mice and found it comparable to morphine.\n"
    )
    assert card["answer"] == "Preclinical"
    assert card["explanation"].startswith('The article files this under "Human Studies"')


def test_a_survey_is_observational_but_a_bare_user_report_of_benefit_is_skipped() -> None:
    card = _only("A survey-based study found that people who used kratom reported less pain.\n")
    assert card["evidence"] == "observational" and card["answer"] == "Observational"
    assert skip_reason("Some users report improved mood after taking kratom.") == "anecdote"


def test_a_harm_is_observational_not_a_claim() -> None:
    sentence = "Kratom may interact with other medications, including opioids and benzodiazepines."
    level, cue = evidence_cue(sentence, default_glossary().find(sentence))
    assert level is Evidence.OBSERVATIONAL and cue == ""  # no study named: ranked below a named one
    card = _only(sentence + "\n")
    assert card["evidence"] == "observational"
    assert "association, not proof of cause" in card["explanation"]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Kratom is renowned for its ability to boost energy and mood.", "marketing"),
        ("Kratom may offer a natural alternative for chronic pain.", "marketing"),
        ("For centuries, kratom has been used in Thailand as a folk remedy.", "history"),
    ],
)
def test_vendor_praise_and_history_make_no_card(sentence: str, reason: str) -> None:
    assert skip_reason(sentence, default_glossary().find(sentence)) == reason
    assert draft_cards(_doc(sentence + "\n")) == []


@pytest.mark.parametrize(
    ("sentence", "reason", "benefit"),
    [
        ("Kratom has been reported to provide relief for chronic pain.", "unsupported claim", "chronic pain"),
        ("Some individuals report that kratom relieved their depression.", "anecdote", "depression"),
    ],
)
def test_a_claimed_benefit_is_never_drilled_but_asks_what_could_show_it(
    sentence: str, reason: str, benefit: str
) -> None:
    assert skip_reason(sentence, default_glossary().find(sentence)) == reason
    card = _only(sentence + "\n")
    assert card["evidence"] == "claim" and card["topic"] == "evidence"
    assert card["prompt"].startswith("The article states, citing no study:")
    assert card["prompt"].endswith(f"kratom really helps with {benefit}, beyond expectation and chance?")
    assert card["answer"] == "A randomised placebo-controlled trial in people"
    assert len(card["rationale"]) == 3 and "Only a trial that assigns people at random" in card["explanation"]
    # Euphoria is an effect, not a benefit a trial would test.
    assert draft_cards(_doc("Some users report euphoria after taking kratom.\n")) == []


def test_a_pronoun_subject_is_resolved_from_the_sentence_before() -> None:
    card = _only("Kratom is a tropical tree of Southeast Asia. It belongs to the Rubiaceae family.\n")
    assert card["topic"] == "plant-families"
    assert "Kratom" in card["prompt"] or "kratom" in card["prompt"]
    # A pronoun that the sentence before does not resolve leaves the sentence out.
    assert draft_cards(_doc("Coffee grows in Brazil. It binds to the mu-opioid receptor of people.\n")) == []


@pytest.mark.parametrize(
    "text",
    [
        "The two key alkaloids found in kratom are paynantheine and speciociliatine.\n",
        "Kratom contains several alkaloids, with paynantheine being the most prominent.\n",
    ],
)
def test_a_wrong_alkaloid_is_never_one_of_kratoms(text: str) -> None:
    card = _only(text)
    kratoms = {t.name for t in default_glossary().in_category("alkaloids") if t.kratom is not False}
    right = set(card.get("answers", [card.get("answer")]))
    wrong = set(card["choices"]) - right
    assert wrong and not wrong & kratoms
    assert right <= kratoms


def test_a_false_statement_swaps_in_a_term_that_is_surely_not_kratoms() -> None:
    lines = [f"Kratom tree number {i} in the garden belongs to the Rubiaceae family.\n\n" for i in range(20)]
    false = [c for c in draft_cards(_doc("".join(lines)), types=["truefalse"]) if c["answer"] is False]
    families = {t.name for t in default_glossary().in_category("plant-families") if t.kratom is False}
    assert false
    for card in false:
        assert any(f in card["prompt"] for f in families) and "Rubiaceae" not in card["prompt"]
        assert "Rubiaceae" in card["explanation"]


def test_a_dose_related_effect_is_never_drafted() -> None:
    assert draft_cards(_doc("Higher doses of kratom increase the risk of respiratory depression.\n")) == []


def test_a_receptor_named_in_particular_is_asked_in_template_words() -> None:
    card = _only(
        "Mitragynine, the primary alkaloid in kratom, interacts with opioid receptors in the brain, "
        "particularly the mu-opioid receptors.\n"
    )
    assert card["type"] == "typed" and card["answer"] == "mu-opioid receptor"
    assert "mu" in card["accept"] and "MOR" in card["accept"]
    # The prompt does not copy the sentence and does not name the alkaloid another card asks for.
    assert "particularly the mu-opioid" not in card["prompt"] and "itragynine" not in card["prompt"]
    assert card["evidence"] == "preclinical" and "Beyond the article:" in card["explanation"]


def test_a_defined_receptor_action_is_asked_with_the_other_actions_as_wrong_options() -> None:
    card = _only(
        "Kratom's interaction with opioid receptors is partial agonism, meaning it activates the receptors "
        "less than morphine does.\n"
    )
    assert card["answer"] == "partial agonism"
    assert set(card["choices"]) == {"partial agonism", "full agonism", "antagonism", "inverse agonism"}
    assert "buprenorphine" in card["explanation"]  # the why-line from the glossary


def test_a_blank_in_a_list_needs_a_clue_and_keeps_the_hedge() -> None:
    card = _only("Kratom may interact with opioids, benzodiazepines and alcohol.\n", types=["typed"])
    assert card["answer"] == "benzodiazepines" and card["prompt"].startswith("Kratom may interact")
    assert "sedatives prescribed for anxiety and sleep" in card["prompt"]


def test_weak_drafts_are_left_out_of_the_deck_and_max_keeps_the_best() -> None:
    text = (
        "A study found that mitragynine reduced pain sensitivity in rats.\n\n"
        "Kratom belongs to the Rubiaceae family of plants.\n\n"
        "Kratom is discussed as an option for major depressive disorder, though the evidence is thin.\n"
    )
    everything = draft_cards(_doc(text))
    deck = draft_deck([_doc(text)], "d", "D")["cards"]
    assert len(everything) == 3 and 1 <= len(deck) < 3
    # An evidence judgement teaches more than a plant family, a name that teaches neither risk nor
    # mechanism and so stays below the threshold.
    assert deck[0]["topic"] == "evidence" and "plant-families" not in {c["topic"] for c in deck}
    assert draft_deck([_doc(text)], "d", "D", max_cards=1)["cards"] == deck[:1]


def test_a_comparison_of_potency_is_stated_or_surely_reversed() -> None:
    answers = set()
    for n in range(8):
        text = (
            "Mitragynine is the main alkaloid in kratom leaves. "
            f"On the other hand, 7-hydroxymitragynine is reported to be even more potent in test {n}.\n"
        )
        card = next(c for c in draft_cards(_doc(text)) if "potent" in c["prompt"])
        assert card["evidence"] == "preclinical"  # potency is measured at receptors and in animals
        answers.add(card["answer"])
        if card["answer"] is True:
            assert card["prompt"] == "7-hydroxymitragynine is a more potent pain reliever than mitragynine."
        else:
            assert card["prompt"] == "Mitragynine is a more potent pain reliever than 7-hydroxymitragynine."
            assert card["explanation"].startswith("False: the article reports the reverse")
        # Why the point matters, in general terms (no uncited claim about kratom).
        assert "Potency is how little of a drug it takes to produce an effect" in card["explanation"]
    assert answers == {True, False}


def test_how_an_alkaloid_acts_at_a_receptor_never_offers_an_action_the_sentence_names() -> None:
    card = _only(
        "Mitragynine acts as a partial agonist at the mu-opioid receptor and as an antagonist at the "
        "kappa-opioid receptor.\n"
    )
    assert card["prompt"] == "According to the article, how does mitragynine act at the mu-opioid receptor?"
    assert card["answer"] == "partial agonist"
    # The sentence calls it an antagonist at another receptor: that is no wrong answer to offer.
    assert "antagonist" not in card["choices"] and len(card["choices"]) == 3


def test_an_agency_action_with_a_year_keeps_the_year() -> None:
    card = _only("In 2016 the DEA announced its intent to place mitragynine in Schedule I.\n")
    assert card["evidence"] == "regulatory" and card["answer"] == "DEA"
    assert card["prompt"] == (
        "Which agency announced its intent to place mitragynine in Schedule I in 2016? Type its name."
    )


def test_a_template_gives_a_deck_two_cards_at_most_the_best_ranked() -> None:
    text = (
        "A study examined mitragynine in mice and found it comparable to morphine.\n\n"
        "A study found that mitragynine reduced pain sensitivity in rats.\n\n"
        "A survey-based study found that people who used kratom reported less pain.\n"
    )
    assert len(draft_cards(_doc(text))) == 3
    cards = draft_deck([_doc(text)], "d", "D")["cards"]
    # Three "what kind of evidence?" cards teach the template; the deck keeps two.
    assert [c["prompt"].endswith("What kind of evidence is this?") for c in cards] == [True, True]
    # No card asks what a rat study "shows": its stem ("in rats") would rule out every option about people.
    assert not any("show?" in c["prompt"] for c in draft_cards(_doc(text)))


@pytest.mark.parametrize(
    "sentence",
    [
        "Partial agonism at opioid receptors may help kratom users by minimizing the risk of respiratory "
        "depression.",
        "Kratom is thought to be safer than opioids because of a lower risk of respiratory depression.",
    ],
)
def test_a_safety_reassurance_is_never_drafted(sentence: str) -> None:
    # Drilled, "partial agonism limits breathing depression" would teach the vendor's reassurance as fact.
    assert skip_reason(sentence, default_glossary().find(sentence)) == "safety claim"
    assert draft_cards(_doc(sentence + "\n")) == []


def test_a_claimed_property_is_not_drilled_through_the_terms_it_names() -> None:
    sentence = (
        "Research suggests that kratom's impact on monoamine neurotransmitters such as serotonin and "
        "dopamine contributes to its antidepressant properties."
    )
    assert skip_reason(sentence, default_glossary().find(sentence)) == "unsupported claim"
    assert draft_cards(_doc(sentence + "\n")) == []


def test_a_class_named_with_members_asks_which_belong_and_offers_only_non_members() -> None:
    card = _only(
        "Kratom acts on monoamine neurotransmitters such as serotonin, norepinephrine and dopamine.\n"
    )
    assert card["type"] == "multi" and card["evidence"] == "definition"
    assert sorted(card["answers"]) == ["dopamine", "norepinephrine", "serotonin"]
    glossary = default_glossary()
    for wrong in set(card["choices"]) - set(card["answers"]):
        (term,) = [t for t in glossary.terms if t.name == wrong]
        assert "monoamine neurotransmitters" in term.not_groups


def test_a_typed_answer_must_be_closed_by_the_stem() -> None:
    # "Name one of the receptors besides opioid ones": any of three, and others the article does not name.
    text = (
        "In addition to opioid receptors, kratom interacts with adrenergic, serotonergic, and "
        "dopaminergic receptors.\n"
    )
    assert draft_cards(_doc(text)) == []
    # A blank in a list is open too ("abuse, _____, and serious side effects"), unless a clue closes it.
    listed = "The DEA flagged kratom for abuse, addiction, and serious harms among users.\n"
    assert draft_cards(_doc(listed), types=["cloze", "typed"]) == []
    paired = "The DEA has flagged kratom for its potential for abuse and addiction among users.\n"
    assert draft_cards(_doc(paired), types=["cloze", "typed"]) == []
    clued = _only("Kratom users report nausea, constipation, and dry mouth.\n", types=["typed"])
    assert clued["answer"] == "constipation" and "the effect of opioids slowing the bowel" in clued["prompt"]
    # The obvious inflection a learner types is accepted.
    assert "constipated" in clued["accept"]


def test_no_card_shows_the_answer_another_card_asks_for() -> None:
    text = (
        "In 2016 the DEA announced its intent to place mitragynine in Schedule I.\n\n"
        "The DEA listed kratom as a drug of concern after reports of liver injury.\n"
    )
    assert len(draft_cards(_doc(text))) == 2
    cards = draft_deck([_doc(text)], "d", "D")["cards"]
    # One asks which agency; a cloze or typed card on liver injury would show "DEA" in its prompt.
    assert len(cards) == 1


@pytest.mark.parametrize(("area", "batch", "test", "drafted"), [(0, 0, 1, True), (2, 1, 0, False)])
def test_a_deck_of_statements_is_balanced_between_true_and_false(
    area: int, batch: int, test: int, drafted: bool
) -> None:
    text = (
        f"Kratom belongs to the Rubiaceae family of plants in area {area}.\n\n"
        f"Mitragynine is the main alkaloid of kratom leaves in batch {batch}. "
        f"On the other hand, 7-hydroxymitragynine is reported to be even more potent in test {test}.\n"
    )
    # Drafted one by one, these three statements all happen to be true (or all false)...
    assert [c["answer"] for c in draft_cards(_doc(text), types=["truefalse"])] == [drafted] * 3
    # ...in a deck, the lowest-ranked of the larger side take their other form: two against one.
    cards = draft_deck([_doc(text)], "d", "D", types=["truefalse"], min_score=0)["cards"]
    assert sorted(c["answer"] is drafted for c in cards) == [False, True, True]
    assert not any("_other" in c for c in cards)  # the other form is never written


def test_cards_that_show_each_others_answers_are_related() -> None:
    text = (
        "Kratom contains several alkaloids, with paynantheine being the most prominent.\n\n"
        "Paynantheine, the primary alkaloid in kratom, interacts with opioid receptors in the brain, "
        "particularly the mu-opioid receptors.\n\n"
        "A study found that mitragynine reduced pain sensitivity in rats.\n"
    )
    cards = draft_deck([_doc(text)], "d", "D")["cards"]
    which = next(c for c in cards if c.get("answer") == "paynantheine")
    receptor = next(c for c in cards if c.get("answer") == "mu-opioid receptor")
    # The receptor card's prompt hides the name, but its quotation shows it: never back to back.
    assert "aynantheine" not in receptor["prompt"] and "Paynantheine" in receptor["explanation"]
    assert which["related"] == [receptor["id"]] and receptor["related"] == [which["id"]]
    evidence = next(c for c in cards if c["topic"] == "evidence")
    assert "related" not in evidence


def test_no_teaching_line_names_another_cards_answer() -> None:
    text = (
        "Kratom contains several alkaloids, with paynantheine being the most prominent.\n\n"
        "Kratom belongs to the Rubiaceae family of plants.\n\n"
        "Kratom's interaction with opioid receptors is partial agonism, meaning it activates the receptors "
        "less than morphine does.\n\n"
        "Paynantheine, the primary alkaloid in kratom, interacts with opioid receptors in the brain, "
        "particularly the mu-opioid receptors.\n"
    )
    cards = draft_deck([_doc(text)], "d", "D", types=["mcq", "typed"], min_score=0)["cards"]
    family = next(c for c in cards if c.get("answer") == "Rubiaceae")
    alkaloid = next(c for c in cards if c.get("answer") == "paynantheine")
    mechanism = next(c for c in cards if c.get("answer") == "partial agonism")
    assert family and mechanism and any(c.get("answer") == "mu-opioid receptor" for c in cards)
    # Caffeine's and quinine's rationales name Rubiaceae, the family card's answer: they go...
    assert "Rubiaceae" not in str(alkaloid.get("rationale", {})) + alkaloid["explanation"]
    assert "morphine" in alkaloid["rationale"]  # ...while morphine's, naming no answer, stays.
    # A line naming another card's answer gives way to the broader term when the glossary has one.
    assert "mu-opioid" not in mechanism["rationale"]["full agonism"]
    assert "at the opioid receptor" in mechanism["rationale"]["full agonism"]


def test_two_primary_alkaloids_name_no_single_primary_one() -> None:
    text = "The effects of kratom involve its primary alkaloids, mitragynine and 7-hydroxymitragynine.\n"
    cards = draft_cards(_doc(text), types=["truefalse", "mcq", "typed"])
    assert not any("most abundant" in c["prompt"] or "primary" in c["prompt"] for c in cards)


def test_options_the_stem_or_their_own_names_give_away_are_found() -> None:
    # The stem says "in rats"; only the key echoes it.
    stem = ["A study found that mitragynine reduced pain sensitivity in rats. What does it show?"]
    assert given_away(["An effect in rats, perhaps not in people"], ["An effect in people"], stem)
    # Both keys share "mitragyn", which no wrong option has.
    assert given_away(["mitragynine", "7-hydroxymitragynine"], ["morphine", "caffeine"], ["Which?"])
    # Each key echoes the genus named in the cues, and no wrong option does.
    assert given_away(["mitragynine"], ["morphine", "codeine"], ["Which alkaloid?", "Mitragyna speciosa"])
    # Parallel kinds of action share "agonis" with the key: nothing is given away.
    assert not given_away(["partial agonism"], ["full agonism", "antagonism"], ["What is it called?"])
