"""The stored card JSON and its content hash come from one serialisation, and the hash is the card's own."""

from __future__ import annotations

from kratom_quiz.deckfile.loader import load_decks
from kratom_quiz.storage.cardjson import card_from_json, card_json_and_hash
from tests.conftest import DECKS


def test_the_stored_hash_is_the_cards_content_hash_and_the_json_reads_back() -> None:
    # A different hash would make every card of an existing store read as edited at the next sync.
    result = load_decks(sorted(DECKS.glob("*.yaml")))
    cards = [card for deck in result.decks for card in deck.cards]
    assert len(cards) > 100
    for card in cards:
        text, digest = card_json_and_hash(card)
        assert digest == card.content_hash
        assert card_from_json(card.deck_id, card.id, text) == card
