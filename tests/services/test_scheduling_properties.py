"""Scheduler invariants, checked with generated review sequences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kratom_quiz.domain.scheduling import NEW, Memory, Scheduler
from kratom_quiz.domain.study import Rating
from kratom_quiz.domain.studyday import UTC_CLOCK

START = datetime(2026, 1, 1, tzinfo=UTC)
ratings = st.sampled_from(list(Rating))
# Each review happens some minutes to a few months after the previous one.
gaps = st.integers(min_value=0, max_value=200_000).map(lambda m: timedelta(minutes=m))
histories = st.lists(st.tuples(ratings, gaps), min_size=1, max_size=25)
SCHED = Scheduler(fuzz=False)


def _walk(history: list[tuple[Rating, timedelta]]) -> list[tuple[Memory, datetime, Memory]]:
    out = []
    memory, at = NEW, START
    for rating, gap in history:
        at += gap
        after = SCHED.review(memory, rating, at, UTC_CLOCK)
        out.append((memory, at, after))
        memory = after
    return out


@settings(max_examples=150, deadline=None)
@given(histories)
def test_next_due_is_never_before_the_review(history: list[tuple[Rating, timedelta]]) -> None:
    for _, at, after in _walk(history):
        assert after.due is not None and after.due > at


@settings(max_examples=150, deadline=None)
@given(histories)
def test_again_never_gives_a_longer_interval_than_another_rating(
    history: list[tuple[Rating, timedelta]],
) -> None:
    for before, at, _ in _walk(history):
        preview = dict(SCHED.preview(before, at, UTC_CLOCK))
        assert all(preview[Rating.AGAIN] <= preview[r] for r in Rating)
        if before.due is not None and before.last_review is not None:
            assert preview[Rating.AGAIN] <= max(before.due - before.last_review, timedelta(minutes=10))


@settings(max_examples=100, deadline=None)
@given(histories)
def test_replaying_the_log_rebuilds_the_state_exactly(history: list[tuple[Rating, timedelta]]) -> None:
    steps = _walk(history)
    replayed = Scheduler(fuzz=False).replay(
        ((r, at) for (r, _), (_, at, _) in zip(history, steps, strict=True)), UTC_CLOCK
    )
    assert replayed == steps[-1][2]
