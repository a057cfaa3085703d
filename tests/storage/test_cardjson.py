"""The store keeps a card's content as written (its source too), and its hash from one serialisation."""

from __future__ import annotations

import pytest

from kratom_quiz.deckfile.loader import load_decks
from kratom_quiz.domain.model import Card, CardKind, Evidence, SourceRef
from kratom_quiz.storage.cardjson import card_from_json, card_json_and_hash, card_to_json
from tests.conftest import DECKS


@pytest.mark.parametrize("ref", [SourceRef("fda-kratom", ""), SourceRef("article", "Adverse Effects")])
def test_a_card_comes_back_from_the_store_with_its_source(ref: SourceRef) -> None:
    card = Card(
        "d", "c", CardKind.TRUEFALSE, "FDA approved kratom.", "It has not.", "law", Evidence.REGULATORY, ref,
        truth=False,
    )  # fmt: skip
    back = card_from_json("d", "c", card_to_json(card))
    assert back == card
    assert back.content_hash == card.content_hash


def test_the_stored_hash_is_the_cards_content_hash_and_the_json_reads_back() -> None:
    # A different hash would make every card of an existing store read as edited at the next sync.
    result = load_decks(sorted(DECKS.glob("*.yaml")))
    cards = [card for deck in result.decks for card in deck.cards]
    assert len(cards) > 100
    for card in cards:
        text, digest = card_json_and_hash(card)
        assert digest == card.content_hash
        assert card_from_json(card.deck_id, card.id, text) == card
