"""Item-writing rules across cards (``decks lint`` KQ301, KQ302): near-duplicates and answers handed away."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kratom_quiz.domain import cloze
from kratom_quiz.domain.itemlint import WORD_NUMBER, Hit, card_text
from kratom_quiz.domain.model import Card, CardKind

DUPLICATE_SIMILARITY = 0.40
"""KQ301 threshold on the mean of word and character 4-gram Jaccard similarity of two cards' prompt and
answer. On the 174 bundled cards reviewed in November 2026, the 15 pairs at or above 0.40 include 14 that the
reviewer called near-duplicates (the 15th: two parallel "classify this study" items); below 0.40 the pairs
are mostly cards on one topic that test different facts. Prompts alone (without the answer) rank a cloze
and an mcq on the same fact far apart: 7 of their top 15 pairs were the reviewer's."""

Located = tuple[int, int, Card]
"""A card with its deck's index among the linted decks and its own index in that deck."""
Where = Callable[[int, int], str]
"""Names a card's place for a message (e.g. file:line), from its deck and card indexes."""

_STOP_WORDS = (
    "a an the of to in on at by for with from as and or but is are was were be been being it its this that "
    "these those which what who whom whose how why when where does do did can could may might would should "
    "than then there their they them into about"
)
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[a-z0-9]+")


def _fact(card: Card) -> str:
    """What a card tests: its prompt and its answer, casefolded (cloze deletions filled in)."""
    text = card_text(card)
    if card.kind in (CardKind.MCQ, CardKind.MULTI, CardKind.TYPED):
        text += " " + " ".join(card.answers[:1] if card.kind is CardKind.TYPED else card.answers)
    elif card.kind is CardKind.BASIC:
        text += " " + card.back
    return text.casefold()


def _signature(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The content words and the character 4-grams of a casefolded text."""
    words = _WORD.findall(text)
    joined = " ".join(words)
    grams = frozenset(joined[i : i + 4] for i in range(len(joined) - 3))
    return frozenset(w for w in words if w not in _STOP), grams


class _Bits:
    """Sets as bit masks over one shared vocabulary: a pair's overlap is one AND and a bit count, which
    keeps comparing every pair of a few hundred cards well under a tenth of a second."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def mask(self, items: frozenset[str]) -> int:
        bits = 0
        for item in items:
            bits |= 1 << self.index.setdefault(item, len(self.index))
        return bits


def _jaccard(a: int, b: int, size_a: int, size_b: int) -> float:
    shared = (a & b).bit_count()
    union = size_a + size_b - shared
    return shared / union if union else 0.0


def similarity(a: str, b: str) -> float:
    """Mean of word and character 4-gram Jaccard similarity of two casefolded texts, 0 to 1."""
    bits = _Bits()
    (wa, ga), (wb, gb) = _signature(a), _signature(b)
    words = _jaccard(bits.mask(wa), bits.mask(wb), len(wa), len(wb))
    return (words + _jaccard(bits.mask(ga), bits.mask(gb), len(ga), len(gb))) / 2


def duplicate_hits(cards: Sequence[Located], where: Where) -> list[tuple[int, Hit]]:
    """KQ301 on the later card of each pair whose prompts and answers are nearly the same."""
    bits = _Bits()
    masks: list[tuple[int, int, int, int]] = []
    for _, _, card in cards:
        w, g = _signature(_fact(card))
        masks.append((bits.mask(w), len(w), bits.mask(g), len(g)))
    hits: list[tuple[int, Hit]] = []
    for j, (wj, nwj, gj, ngj) in enumerate(masks):
        for i, (wi, nwi, gi, ngi) in enumerate(masks[:j]):
            score = (_jaccard(wi, wj, nwi, nwj) + _jaccard(gi, gj, ngi, ngj)) / 2
            if score >= DUPLICATE_SIMILARITY:
                di, ci, first = cards[i]
                dj, cj, _ = cards[j]
                message = (
                    f"nearly the same prompt and answer as card '{first.id}' ({where(di, ci)}; "
                    f"similarity {score:.2f}): one card, one fact"
                )
                hits.append((dj, Hit("KQ301", cj, ("prompt",), message, also=((di, ci),))))
    return hits


_NUMBER_ONLY = re.compile(rf"[0-9.,%]+|{WORD_NUMBER}")


def _norm(text: str) -> str:
    words = " ".join(text.casefold().split()).strip(" .,;:!?\"'()")
    return re.sub(r"^(?:the|an?) ", "", words)


def related(a: Card, b: Card) -> bool:
    """True when either card declares the other ``related`` (matched by card id)."""
    return b.id in a.related or a.id in b.related


def giveaway_hits(cards: Sequence[Located], where: Where) -> list[tuple[int, Hit]]:
    """KQ302: an mcq/multi option that is another card's cloze deletion or typed answer (not related)."""
    answers: dict[str, list[Located]] = {}
    for located in cards:
        card = located[2]
        if card.kind is CardKind.CLOZE:
            texts = [t for n in card.ordinals for t in cloze.answers(card.prompt, n)]
        elif card.kind is CardKind.TYPED:
            texts = list(card.answers)
        else:
            continue
        for t in dict.fromkeys(_norm(t) for t in texts):
            if _NUMBER_ONLY.fullmatch(t):  # "one" as two cards' answers is a coincidence, not a cue
                continue
            answers.setdefault(t, []).append(located)
    hits: list[tuple[int, Hit]] = []
    for d, i, card in cards:
        for j, choice in enumerate(card.choices):
            for od, oi, other in answers.get(_norm(choice), ()):
                if other is card or related(card, other):
                    continue
                message = (
                    f"option '{choice}' is the answer of card '{other.id}' ({where(od, oi)}): "
                    "it hands that answer away; change one, or declare them related"
                )
                hits.append((d, Hit("KQ302", i, ("choices", j), message, also=((od, oi),))))
    return hits
