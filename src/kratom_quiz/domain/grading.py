"""Answer checking: normalise what the learner typed, grade it against a study item, suggest a rating."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from kratom_quiz.domain.answerkey import answer_key, normalize, short_words
from kratom_quiz.domain.model import Card, CardKind, StudyItem
from kratom_quiz.domain.study import Grade, Rating
from kratom_quiz.domain.termindex import (
    TermIndex,
    card_terms,
    damerau_levenshtein,
    deck_index,
    deck_terms,
    domain_index,
)
from kratom_quiz.domain.terms import DOMAIN_TERMS

__all__ = [
    "Answer", "TermIndex", "answer_key", "card_terms", "damerau_levenshtein", "deck_index", "deck_terms",
    "domain_terms", "grade", "normalize", "suggest_rating",
]  # fmt: skip

Answer = str | frozenset[str] | bool | None
"""mcq/typed/cloze: text; multi: the chosen choice texts; truefalse: bool; basic: None or a self-verdict."""


def typo_budget(expected_key: str) -> int:
    """How many typos an answer may have: none under 5 characters, one from 5, two from 9."""
    n = len(expected_key)
    return 2 if n >= 9 else 1 if n >= 5 else 0


def domain_terms() -> frozenset[str]:
    """The built-in terms of kratom pharmacology a near-miss answer must not be mistaken for."""
    return DOMAIN_TERMS


# How long an answer may take, in ms, to count as fast (at or under) or slow (at or over). Every kind
# needs a few seconds to read the prompt; typing an answer, or weighing every option of a "choose all"
# card, takes longer than picking one choice. Cloze times are per blank. Tuned for a human pace, not a
# benchmark: a slow right answer is a sign of effortful recall, which FSRS calls Hard.
PACE_MS: dict[CardKind, tuple[int, int]] = {
    CardKind.TRUEFALSE: (4_000, 15_000),
    CardKind.MCQ: (6_000, 20_000),
    CardKind.MULTI: (12_000, 40_000),
    CardKind.TYPED: (10_000, 30_000),
    CardKind.CLOZE: (10_000, 30_000),
    CardKind.BASIC: (5_000, 20_000),
}
# A partly right cloze answer with several blanks earning at least this share is Hard rather than Again:
# most of it was remembered. Below it, counting the answer as a pass would tell the scheduler the learner
# knew a card they mostly did not. A multi answer has its own rule (see _grade_multi).
PARTIAL_HARD_SCORE = 0.5
# A multi answer with every right option and at most this many wrong ones still passes (as Hard).
MULTI_WRONG_ALLOWED = 1
CLOZE_SEPARATOR = ";"
_TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1"})
_FALSE_WORDS = frozenset({"false", "f", "no", "n", "0"})
_CHOICE_NUMBERS = re.compile(r"^[\d\s,;]+$")


@dataclass(frozen=True, slots=True)
class _Verdict:
    correct: bool
    score: float
    feedback: str
    typo: bool = False
    passed: bool | None = None
    """A wrong answer that still passes as Hard (True) or never does (False); None: decided by the score."""


def grade(
    item: StudyItem,
    answer: Answer,
    *,
    elapsed_ms: int,
    known: bool = False,
    terms: TermIndex | Collection[str] = (),
) -> Grade:
    """Grade a learner's answer to ``item`` and suggest a rating.

    Args:
        item: what was asked.
        answer: mcq: the chosen choice text (or its 1-based number as text); multi: a frozenset of the
            chosen choice texts (or a text of numbers like "1,3", or of choice texts separated by ';');
            truefalse: a bool (or "true"/"false"/"yes"/"no"); typed: the text typed; cloze: the hidden
            text, or with several blanks of the same number the texts in order separated by ';';
            basic: None (self-graded, suggested Good) or the learner's own verdict as a bool.
            None on any other kind means no answer was given (wrong).
        elapsed_ms: time from showing the question to answering.
        known: the item has been reviewed before (only a known item can be suggested Easy).
        terms: the deck's :class:`TermIndex` (:func:`deck_index`, built once per deck), or extra known
            terms a near-miss typed answer must not be taken for. The domain glossary (terms and their
            short forms) and the card's own choices are always included.
    """
    kind = item.card.kind
    if kind is CardKind.BASIC:
        return _grade_basic(item, answer, elapsed_ms, known)
    if answer is None:
        verdict = _Verdict(False, 0.0, f"No answer. Expected: {item.answer_text}")
    elif kind is CardKind.MCQ:
        verdict = _grade_mcq(item, _text(answer, kind))
    elif kind is CardKind.MULTI:
        verdict = _grade_multi(item, answer)
    elif kind is CardKind.TRUEFALSE:
        verdict = _grade_truefalse(item, answer)
    else:
        index = terms if isinstance(terms, TermIndex) else _index_of(frozenset(terms))
        verdict = _grade_text(item, _text(answer, kind), index.with_terms(card_terms(item.card)))
    blanks = len(item.expected) if kind is CardKind.CLOZE else 1
    rating = suggest_rating(kind, verdict.correct, verdict.score, elapsed_ms, known=known, blanks=blanks)
    if verdict.passed is not None and not verdict.correct:
        rating = Rating.HARD if verdict.passed else Rating.AGAIN
    if verdict.typo and rating is Rating.EASY:
        rating = Rating.GOOD  # a forgiven typo is not effortless recall
    return Grade(verdict.correct, verdict.score, rating, verdict.feedback)


@lru_cache(maxsize=8)
def _index_of(terms: frozenset[str]) -> TermIndex:
    # A plain set of terms (a deck's, kept by the caller): keyed once, on top of the glossary. A frozenset
    # keeps its hash, so finding it here again costs nothing.
    return domain_index().with_terms(terms) if terms else domain_index()


def suggest_rating(
    kind: CardKind, correct: bool, score: float, elapsed_ms: int, *, known: bool, blanks: int = 1
) -> Rating:
    """Wrong: Again (Hard if mostly right); right: Hard if slow, Easy if fast on a known item, else Good."""
    if not correct:
        return Rating.HARD if score >= PARTIAL_HARD_SCORE else Rating.AGAIN
    fast, slow = (t * max(blanks, 1) for t in PACE_MS[kind])
    if elapsed_ms >= slow:
        return Rating.HARD
    if known and elapsed_ms <= fast:
        return Rating.EASY
    return Rating.GOOD


def _text(answer: Answer, kind: CardKind) -> str:
    if not isinstance(answer, str):
        raise TypeError(f"a {kind.value} answer is text, not {type(answer).__name__}")
    return answer


def _grade_basic(item: StudyItem, answer: Answer, elapsed_ms: int, known: bool) -> Grade:
    # The app cannot check a free recall answer; the learner compares it with the back and says.
    if isinstance(answer, bool):
        rating = suggest_rating(CardKind.BASIC, answer, float(answer), elapsed_ms, known=known)
        return Grade(answer, float(answer), rating, "Self-graded.")
    return Grade(True, 1.0, Rating.GOOD, "Self-graded: compare with the answer, then confirm or change it.")


def _choice(card: Card, picked: str) -> str:
    """The card's choice text that ``picked`` names (by text, or by 1-based number), else ``picked``."""
    if picked in card.choices:
        return picked  # exactly an option (as the app and plain mode pass them): never another one's key
    key = answer_key(picked)
    for choice in card.choices:
        if answer_key(choice) == key:
            return choice
    number = picked.strip()
    if number.isdigit() and 1 <= int(number) <= len(card.choices):
        return card.choices[int(number) - 1]
    return picked


def _grade_mcq(item: StudyItem, answer: str) -> _Verdict:
    picked = _choice(item.card, answer)
    if picked in item.card.answers:
        return _Verdict(True, 1.0, "Correct.")
    return _Verdict(False, 0.0, f"Expected: {item.answer_text}")


def _multi_picks(card: Card, answer: Answer) -> frozenset[str]:
    if isinstance(answer, frozenset):
        return frozenset(_choice(card, a) for a in answer)
    if isinstance(answer, str):
        sep = r"[\s,;]+" if _CHOICE_NUMBERS.match(answer) else CLOZE_SEPARATOR
        return frozenset(_choice(card, a) for a in re.split(sep, answer) if a.strip())
    raise TypeError(f"a multi answer is a frozenset of choice texts, not {type(answer).__name__}")


def _grade_multi(item: StudyItem, answer: Answer) -> _Verdict:
    """Right when exactly the right options are picked. Every right option and one wrong one still
    passes (Hard); a right option missed, or two wrong ones, is Again: ticking every box is no answer."""
    picks = _multi_picks(item.card, answer)
    expected = frozenset(item.card.answers)
    right, wrong = len(picks & expected), len(picks - expected)
    score = min(1.0, max(0.0, (right - wrong) / len(expected))) if expected else 0.0
    if picks == expected:
        return _Verdict(True, 1.0, "Correct.")
    detail = f"{right} of {len(expected)} right" + (f", {wrong} wrong" if wrong else "")
    passed = right == len(expected) and wrong <= MULTI_WRONG_ALLOWED
    return _Verdict(False, score, f"Partly right ({detail}). Expected: {item.answer_text}", passed=passed)


def _grade_truefalse(item: StudyItem, answer: Answer) -> _Verdict:
    said: bool | None
    if isinstance(answer, bool):
        said = answer
    elif isinstance(answer, str):
        word = normalize(answer)
        said = True if word in _TRUE_WORDS else False if word in _FALSE_WORDS else None
    else:
        raise TypeError(f"a truefalse answer is a bool, not {type(answer).__name__}")
    if said is not None and said == item.card.truth:
        return _Verdict(True, 1.0, "Correct.")
    return _Verdict(False, 0.0, f"Expected: {item.answer_text}")


def _grade_text(item: StudyItem, answer: str, index: TermIndex) -> _Verdict:
    """Typed and cloze answers: each blank matched against its accepted texts, with a typo budget."""
    if item.card.kind is CardKind.TYPED:
        blanks: list[tuple[str, ...]] = [item.card.answers]
        parts = [answer]
    else:
        blanks = [(text,) for text in item.expected]
        parts = [answer] if len(blanks) == 1 else _split_blanks(answer)
    matches = [_match(part, accepted, index) for part, accepted in zip(parts, blanks, strict=False)]
    right = sum(1 for m in matches if m is not None)
    score = right / len(blanks)
    expected = "; ".join(accepted[0] for accepted in blanks)
    if right < len(blanks) or len(parts) != len(blanks):
        how = ""
        if len(parts) != len(blanks):
            how = f" (type the {len(blanks)} hidden texts in order, separated by '{CLOZE_SEPARATOR}')"
        return _Verdict(False, score, f"Expected: {expected}{how}")
    typos = [m for m in matches if m]
    if typos:
        return _Verdict(True, 1.0, f"Accepted with a typo: expected {'; '.join(typos)}", typo=True)
    return _Verdict(True, 1.0, "Correct.")


def _split_blanks(answer: str) -> list[str]:
    parts = [p.strip() for p in answer.split(CLOZE_SEPARATOR)]
    while parts and not parts[-1]:
        parts.pop()  # a trailing ';' is harmless
    return parts


def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


def _match(answer: str, accepted: tuple[str, ...], index: TermIndex) -> str | None:
    """None when wrong; "" when right as typed; the accepted text when right with a forgiven typo.

    Right as typed: the answer's key is the key of an accepted text or of one of its forms in the glossary
    (short forms: "CNS" for "central nervous system", "mu" for "mu-opioid receptor"). Keys read number
    words as digits and singular and plural alike (see :mod:`kratom_quiz.domain.answerkey`).

    A forgiven typo: a few edits inside words (see :func:`typo_budget`), never one that makes another known
    term, changes a number, or changes, drops or adds a short word. A word under 5 letters has no typo
    budget of its own, so "speciosa" is not "M. speciosa" and "Schedule V" is not "Schedule I"; dropping
    or adding a longer word always costs more than the budget.
    """
    key = answer_key(answer)
    if not key:
        # Only punctuation or symbols: nothing survives normalising, so compare the text itself.
        same = " ".join(answer.split()).casefold()
        return "" if same and any(" ".join(a.split()).casefold() == same for a in accepted) else None
    keys = [answer_key(a) for a in accepted]
    right = frozenset().union(*(index.equivalents(k) for k in keys if k))
    if key in right:
        return ""
    if key in index.keys:
        return None  # another real term: a different answer, however close (shortcut)
    best: tuple[int, str] | None = None
    shorts = short_words(answer)
    for text, k in zip(accepted, keys, strict=True):
        budget = typo_budget(k)
        # A different number is a different fact ("CYP3A5", "100 mg"), never a typo.
        if budget == 0 or _digits(k) != _digits(key) or short_words(text) != shorts:
            continue
        d = damerau_levenshtein(key, k, budget)
        if d <= budget and (best is None or d < best[0]):
            best = (d, text)
    if best is None:
        return None
    distance, text = best
    # If the answer is as close to another known term, it is no clear typo of the expected one.
    if index.near(key, distance, right):
        return None
    return text
