"""Issue 10's reproductions: time counted in study days, and review cards due on a study day across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kratom_quiz import services
from kratom_quiz.domain.scheduling import Memory
from kratom_quiz.domain.study import CardState, ItemKey, Learner, LearnerSettings, Rating
from kratom_quiz.domain.studyday import StudyClock
from kratom_quiz.storage import Database, progress
from tests.services.conftest import card, deck

A: ItemKey = ("pharm", "a", 0)
NY = ZoneInfo("America/New_York")


def at(zone: ZoneInfo, text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone).astimezone(UTC)


def answer(db: Database, learner: Learner, rating: Rating, when: datetime) -> None:
    services.record_review(db, learner.id, A, rating, now=when, suggested=None, answer="", correct=True,
                           duration_ms=1)  # fmt: skip


def memory(db: Database, learner: Learner) -> Memory:
    with db.read() as s:
        return progress.progress_of(s, learner.id, A).memory


@pytest.fixture
def one_card(db: Database) -> None:
    services.sync_decks(db, [deck(card("a"))])


def use_zone(db: Database, learner: Learner, zone: str) -> StudyClock:
    services.save_settings(db, learner.id, LearnerSettings(timezone=zone, day_start_hour=4))
    return StudyClock(ZoneInfo(zone), 4)


@pytest.mark.usefixtures("one_card")
def test_next_morning_reviews_at_an_earlier_clock_time_grow_the_interval(
    db: Database, learner: Learner
) -> None:
    """Answered the next morning at an earlier hour than the evening before: a study day has passed."""
    clock = use_zone(db, learner, "UTC")
    for rating, when in [(Rating.HARD, "2026-01-05 20:00"), (Rating.GOOD, "2026-01-05 20:06"),
                         (Rating.GOOD, "2026-01-05 20:17")]:  # fmt: skip
        answer(db, learner, rating, at(ZoneInfo("UTC"), when))
    seen = []
    for when in ["2026-01-06 09:00", "2026-01-07 08:00", "2026-01-08 07:00"]:
        answer(db, learner, Rating.GOOD, at(ZoneInfo("UTC"), when))
        m = memory(db, learner)
        seen.append((round(m.stability or 0, 2), m.interval_days(clock)))
    # Anki (FSRS-6, default weights) gives exactly these; 24-hour periods gave 1.42/1.46/1.49 and 1 day.
    assert seen == [(4.66, 5), (7.90, 8), (10.99, 11)]


@pytest.mark.usefixtures("one_card")
def test_a_card_learnt_before_the_fall_back_is_not_shown_again_the_same_study_day(
    db: Database, learner: Learner
) -> None:
    clock = use_zone(db, learner, "America/New_York")
    for rating, when in [(Rating.HARD, "2026-10-31 04:05"), (Rating.GOOD, "2026-10-31 04:11"),
                         (Rating.GOOD, "2026-10-31 04:22")]:  # fmt: skip
        answer(db, learner, rating, at(NY, when))
    m = memory(db, learner)
    assert m.state is CardState.REVIEW and m.interval_days(clock) == 1
    assert m.due_day(clock) == date(2026, 11, 1)
    assert services.next_card(db, learner.id, at(NY, "2026-10-31 04:23")) is None
    # The 25-hour night: at 03:30 EST on Nov 1 (24 h after 04:30 EDT) it is still study day Oct 31.
    assert services.next_card(db, learner.id, at(NY, "2026-11-01 03:30")) is None
    due = services.next_card(db, learner.id, at(NY, "2026-11-01 04:00"))
    assert due is not None and due.item.key == A


@pytest.mark.usefixtures("one_card")
def test_a_card_learnt_in_the_hour_before_spring_forward_comes_back_the_next_study_day(
    db: Database, learner: Learner
) -> None:
    clock = use_zone(db, learner, "America/New_York")
    # 03:05-03:22 EST on Sat Mar 7 is still study day Mar 6; the 1-day interval makes it due on Mar 7.
    for rating, when in [(Rating.HARD, "2026-03-07 03:05"), (Rating.GOOD, "2026-03-07 03:11"),
                         (Rating.GOOD, "2026-03-07 03:22")]:  # fmt: skip
        answer(db, learner, rating, at(NY, when))
    assert memory(db, learner).due_day(clock) == date(2026, 3, 7)
    assert services.next_card(db, learner.id, at(NY, "2026-03-07 03:59")) is None
    due = services.next_card(db, learner.id, at(NY, "2026-03-07 04:00"))  # 24 h later would be a day late
    assert due is not None and due.item.key == A


@pytest.mark.usefixtures("one_card")
def test_a_review_interval_spans_whole_study_days_across_a_dst_change(db: Database, learner: Learner) -> None:
    """Due on the study day, whatever the clock did: Good at 23:00 the day before the fall-back."""
    clock = use_zone(db, learner, "America/New_York")
    for rating, minute in [(Rating.GOOD, 0), (Rating.GOOD, 11)]:
        answer(db, learner, rating, at(NY, "2026-10-29 23:00") + timedelta(minutes=minute))
    answer(db, learner, Rating.GOOD, at(NY, "2026-10-31 12:00"))
    m = memory(db, learner)
    days = m.interval_days(clock)
    assert days >= 2
    due_day = date(2026, 10, 31) + timedelta(days=days)
    assert m.due_day(clock) == due_day
    assert m.due == at(NY, f"{due_day} 04:00")  # the local start of that study day, EST or EDT alike


@pytest.mark.usefixtures("one_card")
def test_changing_the_day_start_hour_keeps_review_cards_due_on_the_same_study_day(
    db: Database, learner: Learner
) -> None:
    clock = use_zone(db, learner, "America/New_York")
    for rating, minute in [(Rating.GOOD, 0), (Rating.GOOD, 11)]:
        answer(db, learner, rating, at(NY, "2026-05-04 12:00") + timedelta(minutes=minute))
    day = memory(db, learner).due_day(clock)
    assert day is not None and memory(db, learner).due == at(NY, f"{day} 04:00")
    services.save_settings(db, learner.id, LearnerSettings(timezone="America/New_York", day_start_hour=7))
    assert memory(db, learner).due_day(StudyClock(NY, 7)) == day
    assert services.next_card(db, learner.id, at(NY, f"{day} 06:30")) is None  # still the day before
    assert services.next_card(db, learner.id, at(NY, f"{day} 07:00")) is not None


@pytest.mark.usefixtures("one_card")
def test_a_step_that_runs_past_the_rollover_waits_for_the_next_study_day(
    db: Database, learner: Learner
) -> None:
    clock = use_zone(db, learner, "America/New_York")
    answer(db, learner, Rating.GOOD, at(NY, "2026-05-05 03:55"))  # the 10-minute step would end at 04:05
    m = memory(db, learner)
    assert m.state is CardState.LEARNING and m.due == clock.start(date(2026, 5, 5))
    assert services.next_card(db, learner.id, at(NY, "2026-05-05 03:56")) is None  # not learnt ahead
    assert services.next_card(db, learner.id, at(NY, "2026-05-05 04:00")) is not None
