"""Tests for answer grading: each card kind, typo tolerance, near-miss terms and suggested ratings."""

from __future__ import annotations

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


def test_multi_partial() -> None:
    half = grade(MULTI, frozenset({"Mitragynine"}), elapsed_ms=QUICK)
    assert not half.correct
    assert half.score == 0.5
    assert half.suggested is Rating.HARD


def test_helpers() -> None:
    assert damerau_levenshtein("kappa", "kapap", 2) == 1
    assert "mitragynine" in domain_terms()
    deck = Deck("d", "D", 1, (MCQ.card,))
    assert "Caffeine" in deck_terms(deck)
    assert normalize("The FDA") == "fda"
    assert PACE_MS[CardKind.MCQ][0] < PACE_MS[CardKind.MCQ][1]
