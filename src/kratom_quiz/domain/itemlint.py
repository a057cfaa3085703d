"""Item-writing rules for deck authors (``kratom-quiz decks lint``): pure functions over cards and decks.

Each rule returns ``Hit``s that name a field of a card by its path in the deck file (``("choices", 2)``);
the deck-file layer turns those into file positions and applies the cards' ``lint-ignore``. The rules follow
the NBME / Haladyna item-writing guidance in the project's ITEM-WRITING.md: each one catches a cue that lets
a test-wise learner answer without the knowledge, or content the app must not carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kratom_quiz.domain import cloze
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence

CODES: dict[str, str] = {
    "KQ101": "mcq: the key is the unique longest option by a clear margin (>= 1.25 x the next longest)",
    "KQ102": "deck: the key is the unique longest option in more than 30% of the deck's mcq cards",
    "KQ103": "mcq/multi: options of very unequal length (longest >= 3 x shortest, and longer than 25 chars)",
    "KQ104": '"all of the above" / "none of the above" as an option',
    "KQ201": "true/false statement with an absolute word (always, never, all, none, completely, ...)",
    "KQ202": "deck: true/false statements outside 40-60% true",
    "KQ203": "negative stem (not, except, never, least) without emphasis (write NOT, EXCEPT, LEAST)",
    "KQ301": "near-duplicate cards: prompt and answer nearly the same as another card's",
    "KQ302": "an mcq/multi option is another card's cloze deletion or typed answer (hands it away)",
    "KQ401": "explanation missing or shorter than the prompt",
    "KQ402": "evidence: claim card whose explanation does not state the evidence status",
    "KQ501": "a dose-like amount (a number with mg, g, ml, teaspoon, capsule, ...; per-day dose wording)",
}

FieldPath = tuple[str | int, ...]

KEY_MARGIN = 1.25
KEY_LONGEST_SHARE = 0.30
UNEQUAL_RATIO = 3.0
UNEQUAL_MIN_CHARS = 25
TRUE_SHARE = (0.40, 0.60)
MIN_CARDS_FOR_SHARE = 5
"""Deck shares (KQ102, KQ202) need this many cards of the kind: with fewer, one card moves the share by more
than 20 points and the figure says nothing."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding on one card (or on the deck when ``card`` is None), at a field of that card."""

    code: str
    card: int | None
    path: FieldPath
    message: str
    also: tuple[tuple[int, int], ...] = ()
    """(deck, card) indexes of other cards whose ``lint-ignore`` of this code also silences it."""


def card_text(card: Card) -> str:
    """The prompt as a learner reads it whole (cloze deletions filled in)."""
    return cloze.render_answer(card.prompt, 0) if card.kind is CardKind.CLOZE else card.prompt


def _answer_paths(card: Card) -> list[tuple[FieldPath, str]]:
    """Every text field a card shows, with its path in the deck file."""
    fields: list[tuple[FieldPath, str]] = [(("prompt",), card.prompt), (("explanation",), card.explanation)]
    fields += [(("choices", j), c) for j, c in enumerate(card.choices)]
    if card.kind is CardKind.TYPED:
        fields.append((("answer",), card.answers[0]))
        fields += [(("accept", j), a) for j, a in enumerate(card.answers[1:])]
    if card.kind is CardKind.BASIC:
        fields.append((("back",), card.back))
    fields += [(("rationale", name), why) for name, why in card.rationale]
    return fields


# --- options -------------------------------------------------------------------------------------------

_ABOVE = re.compile(r"\b(?:all|none) of (?:the above|these|the options|the answers)\b", re.I)


def _key_longest(card: Card) -> tuple[int, int] | None:
    """(key length, longest other option) when the mcq key is strictly the longest option, else None."""
    if card.kind is not CardKind.MCQ or not card.answers:
        return None
    key = card.answers[0].strip()
    others = [len(c.strip()) for c in card.choices if c != card.answers[0]]
    longest_other = max(others, default=0)
    return (len(key), longest_other) if len(key) > longest_other else None


def option_rules(card: Card) -> Iterator[Hit]:
    """KQ101, KQ103, KQ104 on one card's options."""
    found = _key_longest(card)
    if found is not None and found[0] >= KEY_MARGIN * found[1]:
        j = card.choices.index(card.answers[0])
        yield Hit(
            "KQ101",
            None,
            ("choices", j),
            f"the key is the longest option by far ({found[0]} characters, next {found[1]})",
        )
    if card.kind in (CardKind.MCQ, CardKind.MULTI) and card.choices:
        lengths = [len(c.strip()) for c in card.choices]
        if max(lengths) >= UNEQUAL_RATIO * min(lengths) and max(lengths) > UNEQUAL_MIN_CHARS:
            yield Hit(
                "KQ103",
                None,
                ("choices",),
                f"options of very unequal length ({min(lengths)} to {max(lengths)} characters)",
            )
    for j, choice in enumerate(card.choices):
        if _ABOVE.search(choice):
            yield Hit(
                "KQ104",
                None,
                ("choices", j),
                f"option '{choice}': all/none of the above rewards partial knowledge",
            )


# --- stems and statements ------------------------------------------------------------------------------

_ABSOLUTE = re.compile(r"\b(?:always|never|all|none|completely|entirely|guaranteed|totally)\b|100\s?%", re.I)
_NEGATIVE = re.compile(r"\b(?:not|except|never|least)\b", re.I)
_QUESTION = re.compile(r"[^.!?]*\?")
_STEM_KINDS = (CardKind.MCQ, CardKind.MULTI)  # a stem that decides which option is the key


def stem_rules(card: Card) -> Iterator[Hit]:
    """KQ201 (absolute words in a true/false statement) and KQ203 (a negative question not emphasised)."""
    if card.kind is CardKind.TRUEFALSE:
        words = list(dict.fromkeys(m.group().lower() for m in _ABSOLUTE.finditer(card.prompt)))
        if words:
            shown = ", ".join(f"'{w}'" for w in words)
            yield Hit(
                "KQ201",
                None,
                ("prompt",),
                f"absolute word {shown} in a true/false statement: a test-wise learner marks it false",
            )
    if card.kind in _STEM_KINDS:
        # Only the question itself: a negation in the scenario before it ("a study did not ...") is fine.
        questions = _QUESTION.findall(card.prompt)
        stem = questions[-1] if questions else card.prompt
        for m in _NEGATIVE.finditer(stem):
            if not m.group().isupper():
                yield Hit(
                    "KQ203",
                    None,
                    ("prompt",),
                    f"negative stem '{m.group()}' without emphasis: write {m.group().upper()}",
                )
                break


# --- explanations and content --------------------------------------------------------------------------

_EVIDENCE_STATUS = re.compile(
    r"evidence|trials?\b|\btested|untested|unproven|unsupported|no (?:published )?stud(?:y|ies)|"
    r"not (?:been )?(?:established|shown|proven|studied)|\bclaim|anecdot",
    re.I,
)
_NUMBER = r"\d+(?:[.,]\d+)?(?:\s*(?:-|\u2013|to)\s*\d+(?:[.,]\d+)?)?"
WORD_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|half an?|a few|several)"
_UNIT = (
    r"(?:mg|g|grams?|milligrams?|kg|kilograms?|ml|millilit(?:er|re)s?|teaspoons?|tsp|tablespoons?|tbsp|"
    r"capsules?)"
)
_DOSE = re.compile(
    rf"\b{_NUMBER}\s*{_UNIT}\b|\b{WORD_NUMBER}\s+(?:teaspoons?|tablespoons?|capsules?|grams?)\b|"
    r"\b(?:doses?|servings?|capsules?|grams?|times)\s+(?:per|a|each)\s+day\b|\bdaily dose\b|"
    r"\b(?:per|a)[- ]day dose\b",
    re.I,
)


def content_rules(card: Card) -> Iterator[Hit]:
    """KQ401 (explanation too short), KQ402 (claim without evidence status), KQ501 (dose-like amount)."""
    explanation, prompt = card.explanation.strip(), card_text(card).strip()
    if not explanation:
        yield Hit("KQ401", None, ("explanation",), "explanation missing: say why the answer is right")
    elif len(explanation) < len(prompt):
        yield Hit(
            "KQ401",
            None,
            ("explanation",),
            f"explanation shorter than the prompt ({len(explanation)} vs {len(prompt)} characters): "
            "say why the answer is right and the tempting one wrong",
        )
    if card.evidence is Evidence.CLAIM and not _EVIDENCE_STATUS.search(card.explanation):
        yield Hit(
            "KQ402",
            None,
            ("explanation",),
            "a claim card's explanation must state the evidence status (e.g. untested, no trial)",
        )
    for path, text in _answer_paths(card):
        m = _DOSE.search(text)
        if m:
            yield Hit(
                "KQ501",
                None,
                path,
                f"dose-like amount '{m.group()}': the app teaches, it never gives amounts",
            )


CARD_RULES = (option_rules, stem_rules, content_rules)


def card_hits(card: Card) -> list[Hit]:
    """Every per-card finding of ``card``."""
    return [hit for rule in CARD_RULES for hit in rule(card)]


def deck_hits(deck: Deck, ignored: Sequence[frozenset[str]]) -> list[Hit]:
    """KQ102 and KQ202: shares over a deck's cards; a card ignoring the code is left out of the tally."""
    hits: list[Hit] = []
    mcq = [
        c for c, ign in zip(deck.cards, ignored, strict=True) if c.kind is CardKind.MCQ and "KQ102" not in ign
    ]
    longest = sum(1 for c in mcq if _key_longest(c) is not None)
    if len(mcq) >= MIN_CARDS_FOR_SHARE and longest > KEY_LONGEST_SHARE * len(mcq):
        hits.append(
            Hit(
                "KQ102",
                None,
                (),
                f"the key is the unique longest option in {longest} of {len(mcq)} mcq cards "
                f"({longest / len(mcq):.0%}; at most {KEY_LONGEST_SHARE:.0%})",
            )
        )
    tf = [
        c
        for c, ign in zip(deck.cards, ignored, strict=True)
        if c.kind is CardKind.TRUEFALSE and "KQ202" not in ign
    ]
    true = sum(1 for c in tf if c.truth)
    if len(tf) >= MIN_CARDS_FOR_SHARE and not TRUE_SHARE[0] <= true / len(tf) <= TRUE_SHARE[1]:
        hits.append(
            Hit(
                "KQ202",
                None,
                (),
                f"{true} of {len(tf)} true/false statements are true ({true / len(tf):.0%}; "
                f"keep {TRUE_SHARE[0]:.0%} to {TRUE_SHARE[1]:.0%})",
            )
        )
    return hits
