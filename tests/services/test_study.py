"""The study queue, recording answers, undo, leeches, siblings, daily limits and practice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kratom_quiz import services
from kratom_quiz.domain.model import CardKind
from kratom_quiz.domain.study import CardState, ItemKey, Learner, LearnerSettings, Mode, Rating, ReviewResult
from kratom_quiz.errors import UserError
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck

A: ItemKey = ("pharm", "a", 0)
B: ItemKey = ("pharm", "b", 0)


def answer(
    db: Database,
    learner: Learner,
    key: ItemKey,
    rating: Rating,
    at: datetime,
    *,
    mode: Mode = Mode.STUDY,
    review_id: str | None = None,
) -> ReviewResult:
    return services.record_review(
        db, learner.id, key, rating, now=at, suggested=rating, answer="Mitragynine",
        correct=rating > Rating.AGAIN, duration_ms=1500, mode=mode, review_id=review_id,
    )  # fmt: skip


def test_new_card_then_learning_step_then_review(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"))])
    due = services.next_card(db, learner.id, NOW)
    assert due is not None and due.item.key == A and due.state is CardState.NEW
    assert due.interval(Rating.AGAIN) == timedelta(minutes=1)
    assert due.interval(Rating.GOOD) == timedelta(minutes=10)
    result = answer(db, learner, A, Rating.GOOD, NOW)
    assert services.next_card(db, learner.id, NOW + timedelta(minutes=1)) is not None  # learn-ahead window
    later = services.next_card(db, learner.id, NOW + timedelta(minutes=10))
    assert later is not None and later.state is CardState.LEARNING
    graduated = services.record_review(db, learner.id, A, Rating.GOOD, now=NOW + timedelta(minutes=10),
                                       suggested=None, answer="", correct=True, duration_ms=1)  # fmt: skip
    assert result is not None
    assert graduated.state is CardState.REVIEW
    assert graduated.interval >= timedelta(days=1)
    assert graduated.interval == later.interval(Rating.GOOD)  # the preview told the truth
    assert services.next_card(db, learner.id, NOW + timedelta(minutes=11)) is None


def test_learning_steps_come_before_new_cards(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    answer(db, learner, A, Rating.AGAIN, NOW)
    at = NOW + timedelta(minutes=2)
    due = services.next_card(db, learner.id, at)
    assert due is not None and due.item.key == A


def test_deck_filter(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a")), deck(card("x", deck_id="risk"), deck_id="risk")])
    due = services.next_card(db, learner.id, NOW, deck_id="risk")
    assert due is not None and due.item.key == ("risk", "x", 0)


def test_new_cards_per_day_limit_resets_next_study_day(db: Database, learner: Learner) -> None:
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=2, timezone="UTC"))
    services.sync_decks(db, [deck(*(card(f"c{i}") for i in range(5)))])
    for _ in range(2):
        due = services.next_card(db, learner.id, NOW)
        assert due is not None
        answer(db, learner, due.item.key, Rating.EASY, NOW)
    assert services.next_card(db, learner.id, NOW) is None
    assert services.today(db, learner.id, NOW).totals.new_left == 0
    assert services.today(db, learner.id, NOW).decks[0].new == 0
    # The study day starts at 4 a.m.: 03:59 next morning is still today, 04:00 is a new day.
    assert services.next_card(db, learner.id, datetime(2026, 5, 5, 3, 59, tzinfo=UTC)) is None
    tomorrow = datetime(2026, 5, 5, 4, 0, tzinfo=UTC)
    assert services.today(db, learner.id, tomorrow).totals.new_left == 2


def test_reviews_per_day_limit(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(*(card(f"c{i}") for i in range(3)))])
    for i in range(3):
        answer(db, learner, ("pharm", f"c{i}", 0), Rating.EASY, NOW)
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=0, reviews_per_day=1, timezone="UTC"))
    later = NOW + timedelta(days=60)
    due = services.next_card(db, learner.id, later)
    assert due is not None and due.state is CardState.REVIEW
    answer(db, learner, due.item.key, Rating.GOOD, later)
    assert services.next_card(db, learner.id, later) is None
    assert services.today(db, learner.id, later).totals.due_left == 0


def test_cloze_siblings_wait_for_the_next_study_day(db: Database, learner: Learner) -> None:
    c = card("c", kind=CardKind.CLOZE, prompt="{{c1::Mitragynine}} acts on {{c2::mu-opioid}} receptors")
    services.sync_decks(db, [deck(c, card("z"))])
    first = services.next_card(db, learner.id, NOW)
    assert first is not None and first.item.key == ("pharm", "c", 1)
    answer(db, learner, first.item.key, Rating.EASY, NOW)
    second = services.next_card(db, learner.id, NOW)
    assert second is not None and second.item.key == ("pharm", "z", 0)  # c2 is buried today
    answer(db, learner, second.item.key, Rating.EASY, NOW)
    assert services.next_card(db, learner.id, NOW) is None
    tomorrow = services.next_card(db, learner.id, NOW + timedelta(days=1))
    assert tomorrow is not None and tomorrow.item.key == ("pharm", "c", 2)


def test_leech_at_eight_lapses_stays_in_rotation(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"))])
    at = NOW
    answer(db, learner, A, Rating.EASY, at)
    became = []
    for _ in range(8):
        at += timedelta(days=30)
        lapse = services.record_review(db, learner.id, A, Rating.AGAIN, now=at, suggested=None, answer="",
                                       correct=False, duration_ms=1)  # fmt: skip
        became.append(lapse.became_leech)
        at += timedelta(minutes=10)
        answer(db, learner, A, Rating.GOOD, at)
    assert became == [False] * 7 + [True]
    assert lapse.lapses == 8
    due = services.next_card(db, learner.id, at + timedelta(days=400))
    assert due is not None and due.leech
    assert [r.key for r in services.browse(db, learner.id, at, leeches_only=True)] == [A]
    services.set_suspended(db, learner.id, A, True)
    assert services.next_card(db, learner.id, at + timedelta(days=400)) is None
    assert [r.key for r in services.browse(db, learner.id, at, suspended_only=True)] == [A]


def test_undo_several_levels_restores_exact_state(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    snapshots = [services.browse(db, learner.id, NOW)]
    steps = [(A, Rating.GOOD, NOW), (B, Rating.HARD, NOW), (A, Rating.AGAIN, NOW + timedelta(minutes=11))]
    for key, rating, at in steps:
        answer(db, learner, key, rating, at)
        snapshots.append(services.browse(db, learner.id, NOW))
    for key, _, _ in reversed(steps):
        snapshots.pop()
        assert services.undo_last(db, learner.id) == key
        assert services.browse(db, learner.id, NOW) == snapshots[-1]
    assert services.undo_last(db, learner.id) is None
    assert services.card_history(db, learner.id, A) == []
    assert services.today(db, learner.id, NOW).totals.reviewed == 0


def test_undo_takes_back_only_this_windows_answers(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    mine = answer(db, learner, A, Rating.GOOD, NOW, review_id="mine-1")
    answer(db, learner, B, Rating.HARD, NOW + timedelta(seconds=5), review_id="theirs-1")  # another window
    # The newest answer is the other window's; this window's undo takes back its own answer to A.
    assert services.undo_last(db, learner.id, ["mine-1"]) == A
    assert [h.rating for h in services.card_history(db, learner.id, B)] == [Rating.HARD]
    assert services.card_history(db, learner.id, A) == []
    assert services.undo_last(db, learner.id, ["mine-1"]) is None  # nothing of this window's is left
    assert mine.key == A


def test_undo_refuses_when_another_window_answered_the_card_since(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"))])
    answer(db, learner, A, Rating.GOOD, NOW, review_id="mine-1")
    answer(db, learner, A, Rating.EASY, NOW + timedelta(minutes=11), review_id="theirs-1")
    with pytest.raises(UserError, match="answered again in another window"):
        services.undo_last(db, learner.id, ["mine-1"])
    assert len(services.card_history(db, learner.id, A)) == 2  # nothing lost


def test_same_review_id_is_saved_once(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"))])
    first = answer(db, learner, A, Rating.GOOD, NOW, review_id="6b0c1c84-7e2a-4c5b-9d59-2d1d3c4e5f60")
    again = answer(db, learner, A, Rating.GOOD, NOW, review_id="6b0c1c84-7e2a-4c5b-9d59-2d1d3c4e5f60")
    assert again == first
    assert len(services.card_history(db, learner.id, A)) == 1


def test_practice_logs_but_leaves_scheduling_alone(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a", topic="alkaloids"), card("b", topic="risks"))])
    answer(db, learner, A, Rating.EASY, NOW)
    before = services.browse(db, learner.id, NOW)
    items = services.practice_items(db, learner.id, 5, seed=1)
    assert sorted(i.key for i in items) == [A, B]
    for item in items:
        answer(db, learner, item.key, Rating.AGAIN, NOW + timedelta(hours=1), mode=Mode.PRACTICE)
    assert services.browse(db, learner.id, NOW) == before
    assert [e.mode for e in services.card_history(db, learner.id, A)] == [Mode.STUDY, Mode.PRACTICE]
    assert services.today(db, learner.id, NOW + timedelta(hours=1)).totals.reviewed == 1
    only_risks = services.practice_items(db, learner.id, 5, topics=["risks"], seed=2)
    assert [i.key for i in only_risks] == [B]


def test_unknown_card_key_is_a_user_error(db: Database, learner: Learner) -> None:
    with pytest.raises(UserError, match="no card"):
        answer(db, learner, ("pharm", "nope", 0), Rating.GOOD, NOW)
