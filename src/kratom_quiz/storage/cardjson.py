"""A card's content as JSON in the items table, so the store can show a card without its deck file."""

from __future__ import annotations

import hashlib
import json

from kratom_quiz.domain.model import Card, CardKind, Evidence, SourceRef


def card_to_json(card: Card) -> str:
    """Everything of ``card`` but its deck and card ids (those are columns)."""
    return json.dumps(card.payload(), ensure_ascii=False)


_SORTED = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
"""One encoder for every card (``json.dumps`` with options builds a new one per call)."""


def card_json_and_hash(card: Card) -> tuple[str, str]:
    """The card's stored JSON and its content hash (``Card.content_hash``) from one serialisation.

    The JSON is written with sorted keys, as the hash reads it; ``card_from_json`` does not mind the order.
    """
    text = _SORTED.encode(card.payload())
    return text, hashlib.sha256(text.encode()).hexdigest()[:16]


def card_from_json(deck_id: str, card_id: str, text: str) -> Card:
    """The card stored by ``card_to_json``."""
    d = json.loads(text)
    return Card(
        deck_id=deck_id,
        id=card_id,
        kind=CardKind(d["kind"]),
        prompt=d["prompt"],
        explanation=d["explanation"],
        topic=d["topic"],
        evidence=Evidence(d["evidence"]),
        source=SourceRef(*d["source"]),
        tags=tuple(d["tags"]),
        choices=tuple(d["choices"]),
        answers=tuple(d["answers"]),
        rationale=tuple((a, b) for a, b in d["rationale"]),
        back=d["back"],
        truth=d["truth"],
        related=tuple(d.get("related", ())),
    )
