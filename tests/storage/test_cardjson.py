"""The store keeps a card's source as written, including a reference cited without a section."""

from __future__ import annotations

import pytest

from kratom_quiz.domain.model import Card, CardKind, Evidence, SourceRef
from kratom_quiz.storage.cardjson import card_from_json, card_to_json


@pytest.mark.parametrize("ref", [SourceRef("fda-kratom", ""), SourceRef("article", "Adverse Effects")])
def test_a_card_comes_back_from_the_store_with_its_source(ref: SourceRef) -> None:
    card = Card(
        "d", "c", CardKind.TRUEFALSE, "FDA approved kratom.", "It has not.", "law", Evidence.REGULATORY, ref,
        truth=False,
    )  # fmt: skip
    back = card_from_json("d", "c", card_to_json(card))
    assert back == card
    assert back.content_hash == card.content_hash
