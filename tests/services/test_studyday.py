"""Study-day boundaries at 4 a.m. local time, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kratom_quiz import services
from kratom_quiz.domain.study import Learner, LearnerSettings, Rating
from kratom_quiz.domain.studyday import day_bounds, study_day
from kratom_quiz.storage import Database
from tests.services.conftest import card, deck

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def local(zone: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


@pytest.mark.parametrize(
    ("zone", "at", "expected_shift"),
    [
        # spring forward (23-hour study day): 24 h after 03:45 EST is 04:45 EDT two study days later
        (NY, (2026, 3, 7, 3, 45), 2),
        # fall back (25-hour study day): 24 h after 04:15 EDT is 03:15 EST, still the same study day
        (NY, (2026, 10, 31, 4, 15), 0),
        (NY, (2026, 10, 31, 12, 0), 1),
        (BERLIN, (2026, 3, 28, 3, 30), 2),
        (BERLIN, (2026, 10, 24, 4, 30), 0),
    ],
)
def test_study_day_moves_by_zero_one_or_two_in_24_hours(
    zone: ZoneInfo, at: tuple[int, int, int, int, int], expected_shift: int
) -> None:
    t = local(zone, *at)
    shift = study_day(t + timedelta(hours=24), zone, 4) - study_day(t, zone, 4)
    assert shift == timedelta(days=expected_shift)


def test_study_day_lengths_across_dst() -> None:
    spring_start, spring_end = day_bounds(local(NY, 2026, 3, 7, 12), NY, 4)
    fall_start, fall_end = day_bounds(local(NY, 2026, 10, 31, 12), NY, 4)
    assert spring_end - spring_start == timedelta(hours=23)
    assert fall_end - fall_start == timedelta(hours=25)
    assert spring_end.astimezone(NY).hour == 4
    assert study_day(local(NY, 2026, 3, 8, 3, 59), NY, 4) == date(2026, 3, 7)


def test_new_card_limit_resets_at_local_4am_on_a_dst_morning(db: Database, learner: Learner) -> None:
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=1, timezone="America/New_York"))
    services.sync_decks(db, [deck(card("a"), card("b"))])
    evening = local(NY, 2026, 3, 7, 20, 0)
    services.record_review(db, learner.id, ("pharm", "a", 0), Rating.EASY, now=evening, suggested=None,
                           answer="", correct=True, duration_ms=1)  # fmt: skip
    assert services.next_card(db, learner.id, evening) is None
    # 03:30 EDT on the DST morning is 7.5 h later but still before 4 a.m. local: same study day.
    assert services.next_card(db, learner.id, local(NY, 2026, 3, 8, 3, 30)) is None
    due = services.next_card(db, learner.id, local(NY, 2026, 3, 8, 4, 0))
    assert due is not None and due.item.key == ("pharm", "b", 0)


def test_streak_counts_consecutive_study_days(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"), card("c"))])
    base = datetime(2026, 5, 1, 12, tzinfo=UTC)
    for offset, key in [(0, "a"), (1, "b"), (2, "c")]:
        at = base + timedelta(days=offset)
        services.record_review(db, learner.id, ("pharm", key, 0), Rating.EASY, now=at, suggested=None,
                               answer="", correct=True, duration_ms=1)  # fmt: skip
    assert services.today(db, learner.id, base + timedelta(days=2)).totals.streak == 3
    assert services.today(db, learner.id, base + timedelta(days=3)).totals.streak == 3  # today not done yet
    assert services.today(db, learner.id, base + timedelta(days=4)).totals.streak == 0
