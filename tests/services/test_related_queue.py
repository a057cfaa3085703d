"""Cards a deck declares `related` (one would hand the other's answer away) are not studied back to back."""

from __future__ import annotations

import itertools
from dataclasses import replace

from kratom_quiz import services
from kratom_quiz.domain.model import Card, CardKind, Deck, apart, study_items, with_related_both_ways
from kratom_quiz.domain.study import Learner, Rating
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck


def study_order(db: Database, learner: Learner, decks: list[Deck]) -> list[str]:
    """The card ids in the order the queue offers them, each answered Easy (out of today's queue)."""
    services.sync_decks(db, decks)
    seen: list[str] = []
    while (due := services.next_card(db, learner.id, NOW)) is not None:
        seen.append(due.item.card.id)
        services.record_review(db, learner.id, due.item.key, Rating.EASY, now=NOW, suggested=None,
                               answer="", correct=True, duration_ms=1)  # fmt: skip
    return seen


def related(c: Card, *ids: str) -> Card:
    return replace(c, related=ids)


def test_without_related_cards_new_ones_come_in_file_order(db: Database, learner: Learner) -> None:
    assert study_order(db, learner, [deck(card("a"), card("b"), card("c"))]) == ["a", "b", "c"]


def test_a_related_card_waits_for_another_card_in_between(db: Database, learner: Learner) -> None:
    decks = with_related_both_ways([deck(card("a"), related(card("b"), "a"), card("c"))])
    assert study_order(db, learner, decks) == ["a", "c", "b"]


def test_a_related_card_still_comes_when_nothing_else_is_left(db: Database, learner: Learner) -> None:
    decks = with_related_both_ways([deck(related(card("a"), "b"), card("b"))])
    assert study_order(db, learner, decks) == ["a", "b"]


def test_related_works_across_decks(db: Database, learner: Learner) -> None:
    first = deck(card("a"))
    second = deck(related(card("x", deck_id="risk"), "a"), card("y", deck_id="risk"), deck_id="risk")
    assert study_order(db, learner, with_related_both_ways([first, second])) == ["a", "y", "x"]


def test_related_is_made_symmetric_when_decks_load() -> None:
    [d] = with_related_both_ways([deck(card("a"), related(card("b"), "a"))])
    assert d.cards[0].related == ("b",) and d.cards[1].related == ("a",)


def test_practice_keeps_related_cards_and_cloze_siblings_apart(db: Database, learner: Learner) -> None:
    cloze = card("c", kind=CardKind.CLOZE, prompt="{{c1::Mitragynine}} acts on {{c2::mu-opioid}} receptors")
    decks = with_related_both_ways([deck(card("a"), related(card("b"), "a"), cloze, card("d"))])
    services.sync_decks(db, decks)
    for seed in range(12):
        items = services.practice_items(db, learner.id, 5, seed=seed)
        ids = [i.card.id for i in items]
        assert sorted(ids) == ["a", "b", "c", "c", "d"]
        assert all({p, q} != {"a", "b"} and p != q for p, q in itertools.pairwise(ids)), ids


def test_apart_leaves_an_order_alone_when_nothing_is_related() -> None:
    items = [study_items(card(x))[0] for x in "abcd"]
    assert apart(items) == items
