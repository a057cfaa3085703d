"""Answer checking: normalise what the learner typed, grade it against a study item, suggest a rating."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from kratom_quiz.domain import cloze
from kratom_quiz.domain.model import Card, CardKind, Deck, StudyItem
from kratom_quiz.domain.study import Grade, Rating
from kratom_quiz.domain.terms import DOMAIN_TERMS

Answer = str | frozenset[str] | bool | None
"""mcq/typed/cloze: text; multi: the chosen choice texts; truefalse: bool; basic: None or a self-verdict."""

# Latin letters that other scripts draw identically; a learner on a Cyrillic or Greek keyboard layout (or
# pasting from a PDF) should not lose a point for them. Applied after casefold, so lower case is enough.
# Written as Unicode names because the letters themselves are indistinguishable in source code.
_CYRILLIC_LOOKALIKES = {
    "A": "a", "VE": "b", "ES": "c", "IE": "e", "IO": "e", "SHHA": "h", "EN": "h",
    "BYELORUSSIAN-UKRAINIAN I": "i", "YI": "i", "JE": "j", "KA": "k", "EM": "m", "O": "o", "ER": "p",
    "QA": "q", "DZE": "s", "TE": "t", "U": "y", "HA": "x", "WE": "w",
}  # fmt: skip
# Greek letters inside a word; a Greek letter standing alone is spelled out instead (see _GREEK_NAMES).
_GREEK_LOOKALIKES = {
    "ALPHA": "a", "BETA": "b", "EPSILON": "e", "ETA": "n", "IOTA": "i", "KAPPA": "k", "NU": "v",
    "OMICRON": "o", "RHO": "p", "TAU": "t", "UPSILON": "u", "CHI": "x", "OMEGA": "w",
}  # fmt: skip
_LOOKALIKES = str.maketrans(
    {unicodedata.lookup(f"CYRILLIC SMALL LETTER {n}"): c for n, c in _CYRILLIC_LOOKALIKES.items()}
    | {unicodedata.lookup(f"GREEK SMALL LETTER {n}"): c for n, c in _GREEK_LOOKALIKES.items()}
    # Turkish dotless i: its upper case is plain "I", so without this the grade would depend on case.
    | {unicodedata.lookup("LATIN SMALL LETTER DOTLESS I"): "i"}
)
# A lone Greek letter is a receptor or subunit name ("μ-opioid", "κ"), so it reads as its Latin name.
_GREEK_NAMES = {
    unicodedata.lookup(f"GREEK SMALL LETTER {'LAMDA' if n == 'lambda' else n.upper()}"): n
    for n in (
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    )
}  # fmt: skip
_LONE_GREEK = re.compile(r"(?<![^\W_])[\u03b1-\u03c9](?![^\W_])")
# Apostrophes are dropped without a gap: "Anki's" is "ankis", not "anki s".
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bc\u00b4]")
_ARTICLES = frozenset({"the", "a", "an"})


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Reduce an answer to a canonical form for comparison.

    NFKC, casefold, accents dropped, look-alike Cyrillic/Greek letters mapped to Latin, a lone Greek
    letter spelled out ("μ" is "mu"), apostrophes dropped, every other punctuation mark or symbol
    (quotes, all dashes and hyphens, slashes) turned into a space, whitespace collapsed and leading
    articles removed ("the FDA" is "fda"). Digits are kept; a '.' between digits stays (a decimal
    point) and a ',' between digits goes (a thousands separator).

    Hyphens become spaces, so "7-hydroxymitragynine" normalises to "7 hydroxymitragynine"; grading
    then compares answers with the spaces between words removed (see :func:`answer_key`), so
    "7hydroxymitragynine" matches too.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")
    text = _LONE_GREEK.sub(lambda m: _GREEK_NAMES.get(m.group(0), m.group(0)), text)
    text = _APOSTROPHES.sub("", text.translate(_LOOKALIKES))
    out: list[str] = []
    for i, c in enumerate(text):
        cat = unicodedata.category(c)
        if c in ".," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            out.append("." if c == "." else "")
        elif cat[0] in "PSZC":
            out.append(" ")
        else:
            out.append(c)
    words = "".join(out).split()
    # Strip articles only while something else is left, so "the" alone stays "the" (and stays idempotent).
    while len(words) > 1 and words[0] in _ARTICLES:
        words.pop(0)
    return unicodedata.normalize("NFC", " ".join(words))


_INNER_SPACE = re.compile(r"(?<!\d) | (?!\d)")


def answer_key(text: str) -> str:
    """The normalised text without word gaps (except between two numbers): what grading compares."""
    return _INNER_SPACE.sub("", normalize(text))


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment), capped at ``limit + 1``.

    Stops as soon as the distance must exceed ``limit``, so checking a short typo budget against many
    terms stays cheap.
    """
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def typo_budget(expected_key: str) -> int:
    """How many typos an answer may have: none under 5 characters, one from 5, two from 9."""
    n = len(expected_key)
    return 2 if n >= 9 else 1 if n >= 5 else 0


def domain_terms() -> frozenset[str]:
    """The built-in terms of kratom pharmacology a near-miss answer must not be mistaken for."""
    return DOMAIN_TERMS


def card_terms(card: Card) -> frozenset[str]:
    """A card's choices, answers and cloze texts: the terms it brings to the deck."""
    hidden = (text for n in card.ordinals for text in cloze.answers(card.prompt, n))
    found = (*card.choices, *card.answers, *(hidden if card.kind is CardKind.CLOZE else ()))
    return frozenset(t for t in found if t.strip())


def deck_terms(deck: Deck) -> frozenset[str]:
    """Every choice, answer and cloze text in a deck (basic card backs are sentences, not terms)."""
    return frozenset().union(*(card_terms(c) for c in deck.cards))


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
# A partly right multi answer (or cloze with several blanks) earning at least this share is Hard rather
# than Again: most of it was remembered. Below it, counting the answer as a pass would tell the scheduler
# the learner knew a card they mostly did not.
PARTIAL_HARD_SCORE = 0.5
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


def grade(
    item: StudyItem,
    answer: Answer,
    *,
    elapsed_ms: int,
    known: bool = False,
    terms: Collection[str] = (),
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
        terms: extra known terms (e.g. :func:`deck_terms`) a near-miss typed answer must not be taken
            for; the built-in :func:`domain_terms` and the card's own choices are always included.
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
        known_terms = frozenset().union(domain_terms(), card_terms(item.card), terms)
        verdict = _grade_text(item, _text(answer, kind), known_terms)
    blanks = len(item.expected) if kind is CardKind.CLOZE else 1
    rating = suggest_rating(kind, verdict.correct, verdict.score, elapsed_ms, known=known, blanks=blanks)
    if verdict.typo and rating is Rating.EASY:
        rating = Rating.GOOD  # a forgiven typo is not effortless recall
    return Grade(verdict.correct, verdict.score, rating, verdict.feedback)


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
    picks = _multi_picks(item.card, answer)
    expected = frozenset(item.card.answers)
    right, wrong = len(picks & expected), len(picks - expected)
    score = min(1.0, max(0.0, (right - wrong) / len(expected))) if expected else 0.0
    if picks == expected:
        return _Verdict(True, 1.0, "Correct.")
    detail = f"{right} of {len(expected)} right" + (f", {wrong} wrong" if wrong else "")
    return _Verdict(False, score, f"Partly right ({detail}). Expected: {item.answer_text}")


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


def _grade_text(item: StudyItem, answer: str, terms: Iterable[str]) -> _Verdict:
    """Typed and cloze answers: each blank matched against its accepted texts, with a typo budget."""
    if item.card.kind is CardKind.TYPED:
        blanks: list[tuple[str, ...]] = [item.card.answers]
        parts = [answer]
    else:
        blanks = [(text,) for text in item.expected]
        parts = [answer] if len(blanks) == 1 else _split_blanks(answer)
    term_keys = frozenset(answer_key(t) for t in terms) - {""}
    matches = [_match(part, accepted, term_keys) for part, accepted in zip(parts, blanks, strict=False)]
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


def _match(answer: str, accepted: tuple[str, ...], term_keys: frozenset[str]) -> str | None:
    """None when wrong; "" when right as typed; the accepted text when right with a forgiven typo."""
    key = answer_key(answer)
    if not key:
        # Only punctuation or symbols: nothing survives normalising, so compare the text itself.
        same = " ".join(answer.split()).casefold()
        return "" if same and any(" ".join(a.split()).casefold() == same for a in accepted) else None
    keys = [answer_key(a) for a in accepted]
    if key in keys:
        return ""
    others = term_keys - set(keys)
    if key in others:
        return None  # another real term: a different answer, however close (shortcut)
    best: tuple[int, str] | None = None
    for text, k in zip(accepted, keys, strict=True):
        budget = typo_budget(k)
        # A different number is a different fact ("CYP3A5", "100 mg"), never a typo.
        if budget == 0 or _digits(k) != _digits(key):
            continue
        d = damerau_levenshtein(key, k, budget)
        if d <= budget and (best is None or d < best[0]):
            best = (d, text)
    if best is None:
        return None
    distance, text = best
    # If the answer is as close to another known term, it is no clear typo of the expected one.
    if any(damerau_levenshtein(key, t, distance) <= distance for t in others):
        return None
    return text
