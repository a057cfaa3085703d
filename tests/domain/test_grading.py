"""Tests for answer grading: each card kind, typo tolerance, near-miss terms and suggested ratings."""

from __future__ import annotations

import pytest

from kratom_quiz.domain.grading import (
    PACE_MS,
    damerau_levenshtein,
    deck_terms,
    domain_terms,
    grade,
    normalize,
)
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef, StudyItem
from kratom_quiz.domain.study import Rating

QUICK = 1_000  # ms: fast for every kind


def make_card(kind: CardKind, prompt: str = "Question?", **fields: object) -> Card:
    return Card(
        deck_id="d",
        id=f"{kind.value}-card",
        kind=kind,
        prompt=prompt,
        explanation="Because.",
        topic="alkaloids",
        evidence=Evidence.DEFINITION,
        source=SourceRef("doc", "section"),
        **fields,  # type: ignore[arg-type]
    )


MCQ = StudyItem(
    make_card(
        CardKind.MCQ,
        choices=("Mitragynine", "7-Hydroxymitragynine", "Caffeine", "Morphine"),
        answers=("Mitragynine",),
    )
)
MULTI = StudyItem(
    make_card(
        CardKind.MULTI,
        choices=("Mitragynine", "7-Hydroxymitragynine", "Caffeine", "Morphine"),
        answers=("Mitragynine", "7-Hydroxymitragynine"),
    )
)
TRUE_CARD = StudyItem(make_card(CardKind.TRUEFALSE, truth=True))
TYPED = StudyItem(make_card(CardKind.TYPED, answers=("7-Hydroxymitragynine", "7-OH")))


def test_mcq_right_and_wrong() -> None:
    assert grade(MCQ, "Mitragynine", elapsed_ms=QUICK).correct
    wrong = grade(MCQ, "Caffeine", elapsed_ms=QUICK)
    assert not wrong.correct
    assert wrong.score == 0.0
    assert wrong.suggested is Rating.AGAIN
    assert "Mitragynine" in wrong.feedback


def test_truefalse() -> None:
    assert grade(TRUE_CARD, True, elapsed_ms=QUICK).correct
    assert not grade(TRUE_CARD, False, elapsed_ms=QUICK).correct


def test_typed_exact_and_alternative() -> None:
    assert grade(TYPED, "7-hydroxymitragynine", elapsed_ms=QUICK).correct
    assert grade(TYPED, "7-OH", elapsed_ms=QUICK).correct
    assert not grade(TYPED, "mitragynine", elapsed_ms=QUICK).correct


def test_multi_missing_a_right_option_is_again() -> None:
    half = grade(MULTI, frozenset({"Mitragynine"}), elapsed_ms=QUICK)
    assert not half.correct
    assert half.score == 0.5
    assert half.suggested is Rating.AGAIN


def test_helpers() -> None:
    assert damerau_levenshtein("kappa", "kapap", 2) == 1
    assert "mitragynine" in domain_terms()
    deck = Deck("d", "D", 1, (MCQ.card,))
    assert "Caffeine" in deck_terms(deck)
    assert normalize("The FDA") == "fda"
    assert PACE_MS[CardKind.MCQ][0] < PACE_MS[CardKind.MCQ][1]


# Look-alike letters, written as escapes so the test source shows what they are.
CYRILLIC_I, CYRILLIC_A, CYRILLIC_E = "\u0456", "\u0430", "\u0435"
GREEK_MU, GREEK_KAPPA = "\u03bc", "\u03ba"


def typed(*answers: str) -> StudyItem:
    return StudyItem(make_card(CardKind.TYPED, answers=answers))


def cloze_item(prompt: str, ordinal: int = 1) -> StudyItem:
    return StudyItem(make_card(CardKind.CLOZE, prompt=prompt), ordinal)


def test_mcq_accepts_choice_number_for_plain_text_mode() -> None:
    assert grade(MCQ, "1", elapsed_ms=QUICK).correct
    assert not grade(MCQ, "3", elapsed_ms=QUICK).correct


def test_truefalse_accepts_words() -> None:
    assert grade(TRUE_CARD, "yes", elapsed_ms=QUICK).correct
    assert not grade(TRUE_CARD, "False", elapsed_ms=QUICK).correct
    assert not grade(TRUE_CARD, "maybe", elapsed_ms=QUICK).correct


def test_multi_exact_is_correct() -> None:
    result = grade(MULTI, frozenset({"7-hydroxymitragynine", "Mitragynine"}), elapsed_ms=QUICK)
    assert result.correct
    assert result.score == 1.0
    assert result.suggested is Rating.GOOD


def test_multi_wrong_picks_cost_credit() -> None:
    result = grade(MULTI, frozenset({"Mitragynine", "7-Hydroxymitragynine", "Caffeine"}), elapsed_ms=QUICK)
    assert not result.correct
    assert result.score == 0.5
    assert "1 wrong" in result.feedback


def test_multi_all_wrong_is_again_with_score_clamped_at_zero() -> None:
    result = grade(MULTI, frozenset({"Caffeine", "Morphine"}), elapsed_ms=QUICK)
    assert result.score == 0.0
    assert result.suggested is Rating.AGAIN


def test_multi_accepts_choice_numbers() -> None:
    assert grade(MULTI, "1, 2", elapsed_ms=QUICK).correct
    assert grade(MULTI, "Mitragynine; 7-hydroxymitragynine", elapsed_ms=QUICK).correct


def test_case_whitespace_and_punctuation_ignored() -> None:
    assert grade(TYPED, "  7 HYDROXYMITRAGYNINE!! ", elapsed_ms=QUICK).correct
    assert grade(TYPED, "7hydroxymitragynine", elapsed_ms=QUICK).correct
    assert grade(typed("the FDA"), "FDA.", elapsed_ms=QUICK).correct


def test_lookalike_letters_and_curly_quotes_accepted() -> None:
    disguised = f"m{CYRILLIC_I}tr{CYRILLIC_A}gynin{CYRILLIC_E}"
    assert grade(typed("Mitragynine"), disguised, elapsed_ms=QUICK).correct
    assert grade(typed("Kratom's leaf"), "\u201ckratom\u2019s leaf\u201d", elapsed_ms=QUICK).correct
    assert grade(typed("mu"), GREEK_MU, elapsed_ms=QUICK).correct
    assert grade(typed("kappa opioid receptor"), f"{GREEK_KAPPA}-opioid receptor", elapsed_ms=QUICK).correct


def test_one_typo_forgiven_from_five_letters() -> None:
    result = grade(typed("kappa"), "kapap", elapsed_ms=QUICK)
    assert result.correct
    assert result.feedback == "Accepted with a typo: expected kappa"
    assert not grade(typed("kappa"), "kapaa p", elapsed_ms=QUICK).correct  # two typos
    assert not grade(typed("morphine"), "morfhin", elapsed_ms=QUICK).correct  # two typos, 8 letters


def test_two_typos_forgiven_from_nine_letters() -> None:
    assert grade(typed("paynantheine"), "pynanthiene", elapsed_ms=QUICK).correct
    assert not grade(typed("paynantheine"), "pynanthien", elapsed_ms=QUICK).correct  # three typos


def test_typo_on_short_word_refused() -> None:
    assert not grade(typed("lead"), "laed", elapsed_ms=QUICK).correct
    assert not grade(typed("mu"), "mi", elapsed_ms=QUICK).correct


def test_near_miss_that_is_another_term_refused() -> None:
    assert not grade(TYPED, "mitragynine", elapsed_ms=QUICK).correct
    assert not grade(typed("kappa"), "mu", elapsed_ms=QUICK).correct
    assert not grade(typed("delta"), "beta", elapsed_ms=QUICK).correct  # one edit, but a Greek letter too
    assert not grade(typed("hypertension"), "hypotension", elapsed_ms=QUICK).correct  # two edits


def test_different_number_is_never_a_typo() -> None:
    assert not grade(typed("CYP3A4"), "CYP3A5", elapsed_ms=QUICK).correct
    assert not grade(typed("100 mg"), "10 mg", elapsed_ms=QUICK).correct


def test_deck_terms_passed_in_are_respected() -> None:
    item = typed("thornapple")
    assert grade(item, "thornappel", elapsed_ms=QUICK).correct
    assert not grade(item, "thornappel", elapsed_ms=QUICK, terms={"Thornappel"}).correct
    # Closer to another term than to the answer: not a clear typo either.
    assert not grade(item, "thornappeq", elapsed_ms=QUICK, terms={"thornappel"}).correct


def test_cloze_single_blank_with_hint() -> None:
    item = cloze_item("Mitragynine is a partial agonist at the {{c1::mu::receptor}}-opioid receptor.")
    assert "[receptor]" in item.question
    assert grade(item, "mu", elapsed_ms=QUICK).correct
    assert grade(item, GREEK_MU, elapsed_ms=QUICK).correct
    assert not grade(item, "receptor", elapsed_ms=QUICK).correct
    assert not grade(item, "kappa", elapsed_ms=QUICK).correct


def test_cloze_several_blanks_in_order() -> None:
    item = cloze_item("{{c1::Mitragynine}} and {{c1::paynantheine}} act on {{c2::mu}} receptors")
    assert grade(item, "mitragynine; paynantheine", elapsed_ms=QUICK).correct
    assert not grade(item, "paynantheine; mitragynine", elapsed_ms=QUICK).correct
    one = grade(item, "mitragynine", elapsed_ms=QUICK)
    assert not one.correct
    assert "separated by ';'" in one.feedback
    half = grade(item, "mitragynine; caffeine", elapsed_ms=QUICK)
    assert half.score == 0.5
    assert half.suggested is Rating.HARD
    typo = grade(item, "mitragynine; paynanteine", elapsed_ms=QUICK)
    assert typo.correct
    assert "expected paynantheine" in typo.feedback
    assert grade(cloze_item(item.card.prompt, 2), "mu", elapsed_ms=QUICK).correct


def test_basic_is_self_graded() -> None:
    item = StudyItem(make_card(CardKind.BASIC, back="Mitragynine"))
    shown = grade(item, None, elapsed_ms=QUICK)
    assert (shown.correct, shown.score, shown.suggested) == (True, 1.0, Rating.GOOD)
    assert "Self-graded" in shown.feedback
    assert grade(item, False, elapsed_ms=QUICK).suggested is Rating.AGAIN
    assert grade(item, True, elapsed_ms=QUICK, known=True).suggested is Rating.EASY


def test_no_answer_is_wrong() -> None:
    result = grade(TYPED, None, elapsed_ms=QUICK)
    assert not result.correct
    assert result.suggested is Rating.AGAIN


def test_wrong_answer_type_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        grade(TYPED, True, elapsed_ms=QUICK)
    with pytest.raises(TypeError):
        grade(TRUE_CARD, frozenset({"true"}), elapsed_ms=QUICK)


@pytest.mark.parametrize("kind_item", [MCQ, TRUE_CARD, TYPED, MULTI])
def test_suggested_ratings(kind_item: StudyItem) -> None:
    right = {CardKind.MCQ: "Mitragynine", CardKind.TYPED: "7-OH"}.get(kind_item.card.kind)
    answer: str | bool | frozenset[str] = right if right is not None else True
    if kind_item.card.kind is CardKind.MULTI:
        answer = frozenset(kind_item.card.answers)
    fast, slow = PACE_MS[kind_item.card.kind]
    middle = (fast + slow) // 2
    assert grade(kind_item, answer, elapsed_ms=middle).suggested is Rating.GOOD
    assert grade(kind_item, answer, elapsed_ms=middle, known=True).suggested is Rating.GOOD
    assert grade(kind_item, answer, elapsed_ms=fast, known=True).suggested is Rating.EASY
    assert grade(kind_item, answer, elapsed_ms=fast).suggested is Rating.GOOD  # new: never Easy
    assert grade(kind_item, answer, elapsed_ms=slow, known=True).suggested is Rating.HARD


def test_forgiven_typo_is_never_easy() -> None:
    assert grade(typed("kappa"), "kapap", elapsed_ms=QUICK, known=True).suggested is Rating.GOOD


def test_cloze_pace_scales_with_blanks() -> None:
    item = cloze_item("{{c1::Mitragynine}} and {{c1::paynantheine}}")
    _, slow = PACE_MS[CardKind.CLOZE]
    assert grade(item, "mitragynine; paynantheine", elapsed_ms=slow).suggested is Rating.GOOD


def test_damerau_levenshtein() -> None:
    assert damerau_levenshtein("kappa", "kappa", 0) == 0
    assert damerau_levenshtein("kappa", "kpapa", 1) == 1  # a transposition is one edit
    assert damerau_levenshtein("kappa", "delta", 10) == 4
    assert damerau_levenshtein("kappa", "delta", 2) == 3  # capped at limit + 1
    assert damerau_levenshtein("", "abc", 5) == 3
    assert damerau_levenshtein("abc", "", 1) == 2


def test_normalize_examples() -> None:
    assert normalize("  The   FDA ") == "fda"
    assert normalize("the") == "the"
    assert normalize("7-Hydroxymitragynine") == "7 hydroxymitragynine"
    assert normalize("1,000.5 mg") == "1000.5 mg"
    assert normalize("\u201cKratom\u2019s\u201d \u2014 leaf") == "kratoms leaf"
    assert normalize("Caf\u00e9") == "cafe"
    assert normalize(f"{GREEK_MU}-opioid") == "mu opioid"
