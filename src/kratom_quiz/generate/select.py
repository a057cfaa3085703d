"""Which drafts reach the deck: one card a sentence, no near-duplicates, no card showing another's answer,
true and false statements balanced, and cards that name each other's answers marked as related."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kratom_quiz.generate.naming_frames import OTHER_FORM

Candidate = tuple[float, dict[str, Any], frozenset[str]]
"""A card a sentence may make, its teaching score and the terms it asks about."""


Draft = tuple[float, str, list[Candidate]]
"""A sentence's rank (its first card's score), the sentence, and the cards it may make."""


NEAR_DUPLICATE = 0.5
"""Share of words two drafts' sentences may have in common (Jaccard) before the lower-ranked one goes."""
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _similarity(a: set[str], b: set[str]) -> float:
    """The share of words two sentences have in common (Jaccard)."""
    return len(a & b) / max(1, len(a | b))


def _distinct(ranked: Sequence[Draft], min_score: float) -> list[tuple[dict[str, Any], str]]:
    """One card a sentence, without near-duplicates: articles repeat a fact, a learner needs it once.

    A card is a duplicate of a better-ranked one when it asks about one of the same terms on the same
    topic (two cards whose answer is mitragynine hand each other the answer), or when its sentence
    shares half its words with one on the same topic; then the sentence's next card that teaches enough
    stands in, if any.
    """
    kept: list[tuple[dict[str, Any], str, set[str], frozenset[str]]] = []
    for _, sentence, candidates in ranked:
        words = set(_TOKEN.findall(sentence.casefold()))
        for score, card, asks in candidates:
            if score < min_score or any(
                (
                    other["topic"] == card["topic"]
                    and (asks & other_asks or _similarity(words, seen) >= NEAR_DUPLICATE)
                )
                or _hands_away(card, other)
                or _hands_away(other, card)
                for other, _, seen, other_asks in kept
            ):
                continue
            kept.append((card, sentence, words, asks))
            break
    return [(card, sentence) for card, sentence, _, _ in kept]


def _hands_away(card: dict[str, Any], other: dict[str, Any]) -> bool:
    """True when the prompt of ``other`` shows the answer ``card`` asks for (typed, cloze or mcq)."""
    if card["type"] in ("typed", "mcq"):
        answers = [card["answer"], *card.get("accept", [])]
    elif card["type"] == "cloze":
        answers = re.findall(r"\{\{c\d+::([^:}]+)", card["prompt"])
    else:
        return False
    shown = re.sub(r"\{\{c\d+::([^:}]+)(?:::[^}]*)?\}\}", "", other["prompt"]).casefold()
    return any(re.search(rf"(?<![\w-]){re.escape(a.casefold())}(?![\w-])", shown) for a in answers)


def select(ranked: Sequence[Draft], min_score: float) -> list[tuple[dict[str, Any], str]]:
    """The drafts a deck keeps, best first, each with its source sentence, ready to write."""
    drafts = _balanced(_distinct(ranked, min_score))
    _relate([card for card, _ in drafts])
    return [(written(card), sentence) for card, sentence in drafts]


def _answers(card: dict[str, Any]) -> list[str]:
    """What a card asks the learner to produce or pick: its answers, accepted forms or cloze deletions."""
    if card["type"] == "cloze":
        return re.findall(r"\{\{c\d+::([^:}]+)", card["prompt"])
    if card["type"] == "truefalse":
        return []
    answers = card.get("answers", [card.get("answer")])
    return [str(a) for a in (*answers, *card.get("accept", []))]


def _relate(cards: list[dict[str, Any]]) -> None:
    """Mark as ``related`` the cards whose text shows another's answer, so that the app never shows them
    back to back (mitragynine named in one card's statement, asked for in another's options)."""
    for card in cards:
        wanted = [a.casefold() for a in _answers(card)]
        for other in cards:
            if other is card or not wanted:
                continue
            shown = " ".join([other["prompt"], *other.get("choices", [])]).casefold()
            if any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", shown) for a in wanted):
                for a, b in ((card, other), (other, card)):
                    a.setdefault("related", [])
                    if b["id"] not in a["related"]:
                        a["related"].append(b["id"])
    for card in cards:
        if "related" in card:
            card["related"].sort()


def _balanced(drafts: list[tuple[dict[str, Any], str]]) -> list[tuple[dict[str, Any], str]]:
    """The drafts with true/false statements about half true: the lowest-ranked of the larger side take
    their other form while that brings the two sides closer (ITEM-WRITING: 40 to 60 percent true)."""
    out = list(drafts)
    while True:
        statements = [i for i, (c, _) in enumerate(out) if c["type"] == "truefalse"]
        true = sum(out[i][0]["answer"] is True for i in statements)
        larger = true > len(statements) - true
        if abs(2 * true - len(statements)) <= 1:
            return out
        flippable = [i for i in statements if out[i][0]["answer"] is larger and OTHER_FORM in out[i][0]]
        if not flippable:
            return out
        i = flippable[-1]
        out[i] = (out[i][0][OTHER_FORM], out[i][1])  # the other form carries no other form: flipped once


def written(card: dict[str, Any]) -> dict[str, Any]:
    """The card as written to a deck, without the private key of its other form."""
    return {k: v for k, v in card.items() if k != OTHER_FORM}
