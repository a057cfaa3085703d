"""Optimizing a learner's weights as Anki does: a history with same-day relearning fits, and the better
of the current and the fitted weights is kept."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from typer.testing import CliRunner

from kratom_quiz import services
from kratom_quiz.domain import fsrs6, optimizer
from kratom_quiz.domain.scheduling import NEW, Memory, Scheduler
from kratom_quiz.domain.study import CardState, Learner, Mode, Rating
from kratom_quiz.domain.studyday import StudyClock
from kratom_quiz.storage import Database, progress, repository
from tests.services.conftest import card, deck

CLOCK = StudyClock(UTC, 4)
ITEMS = 120
DAYS = 120


def simulate(seed: int) -> dict[str, list[tuple[Rating, datetime]]]:
    """A learner studying every day for four months: recall drawn from a forgetting curve a little steeper
    than FSRS's defaults; each lapse relearnt 10-20 minutes later, the same day."""
    rng = random.Random(seed)
    sched = Scheduler(fuzz=True)
    memories: dict[str, Memory] = {f"c{n}": NEW for n in range(ITEMS)}
    log: dict[str, list[tuple[Rating, datetime]]] = {key: [] for key in memories}
    start = datetime(2026, 1, 5, 4, tzinfo=UTC)
    for day in range(DAYS):
        session = start + timedelta(days=day, hours=rng.randint(3, 18), minutes=rng.randint(0, 59))
        new_today = [k for k, m in memories.items() if m.state is CardState.NEW][:8]
        due = [k for k, m in memories.items() if m.state is CardState.REVIEW and m.due and m.due < session]
        for key in new_today + due:
            at = session + timedelta(seconds=rng.randint(0, 1800))
            m = memories[key]
            if m.state is CardState.NEW:
                rating = rng.choice([Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.EASY])
            else:
                assert m.stability is not None and m.last_review is not None
                elapsed = CLOCK.days_between(m.last_review, at)
                recall = fsrs6.retrievability(fsrs6.DEFAULT_PARAMETERS, elapsed * 1.3, m.stability)
                rating = (
                    Rating.AGAIN if rng.random() > recall else rng.choice([Rating.HARD, *[Rating.GOOD] * 6])
                )
            while True:  # answer until the item leaves its (re)learning steps, on the same study day
                m = sched.review(m, rating, at, CLOCK, seed=int(key[1:]))
                log[key].append((rating, at))
                if m.state not in (CardState.LEARNING, CardState.RELEARNING):
                    break
                at = max(at, m.due or at) + timedelta(minutes=rng.randint(0, 10))
                rating = Rating.GOOD
            memories[key] = m
    return log


def store(db: Database, learner: Learner, log: dict[str, list[tuple[Rating, datetime]]]) -> None:
    """The simulated answers, logged as the app logs study answers (states need not match for fitting)."""
    with db.write() as s:
        for key, answers in log.items():
            before = progress.progress_of(s, learner.id, ("pharm", key, 0))
            for n, (rating, at) in enumerate(answers):
                progress.add_review(s, progress.ReviewDraft(
                    id=f"{key}-{n}", learner_id=learner.id, item_id=before.item_id, rating=int(rating),
                    suggested=None, answer="", correct=rating > 1, reviewed_at=at, duration_ms=1,
                    mode=Mode.STUDY, before=before,
                ), changes_state=True)  # fmt: skip


def test_a_history_with_same_day_relearning_fits(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(*(card(f"c{n}") for n in range(ITEMS)))])
    log = simulate(7)
    relearnt_same_day = sum(
        1 for answers in log.values()
        for (r1, t1), (_, t2) in pairwise(answers)
        if r1 is Rating.AGAIN and CLOCK.day(t1) == CLOCK.day(t2) and len(answers) > 3
    )  # fmt: skip
    assert relearnt_same_day > 20  # the case that made fsrs-rs raise InvalidInput before
    store(db, learner, log)

    report = services.optimize(db, learner.id)
    targets = sum(
        1 for answers in log.values()
        for (_, t1), (_, t2) in pairwise(answers) if CLOCK.day(t2) > CLOCK.day(t1)
    )  # fmt: skip
    assert report.items == targets  # only answers given a study day or more after the previous one
    assert report.reviews == sum(len(a) for a in log.values())
    assert 0 < report.new_log_loss < 1 and 0 < report.old_log_loss < 1
    with db.read() as s:
        saved = repository.get_parameters(s, learner.id)
    if report.adopted:
        assert report.new_log_loss < report.old_log_loss and saved == report.parameters
        assert report.parameters != fsrs6.DEFAULT_PARAMETERS
    else:
        assert saved is None and report.parameters == fsrs6.DEFAULT_PARAMETERS


def test_the_fitted_weights_are_kept_only_when_they_predict_better() -> None:
    log = simulate(11)
    histories = [
        (n, [optimizer.Answer(int(r), CLOCK.day(at), at) for r, at in answers])
        for n, answers in enumerate(log.values())
    ]
    first = optimizer.fit(histories, fsrs6.DEFAULT_PARAMETERS)
    assert first.adopted and first.new_log_loss < first.old_log_loss and first.parameters == first.fitted
    # Starting from the fitted weights, a second fit cannot do better on the same items: they are kept.
    again = optimizer.fit(histories, first.parameters)
    assert again.old_log_loss == first.new_log_loss
    if not again.adopted:
        assert again.parameters == first.parameters
    else:
        assert again.new_log_loss < again.old_log_loss


def test_training_items_skip_same_day_answers_and_come_in_answer_order() -> None:
    day = date(2026, 1, 5)

    def at(d: int, hour: int) -> tuple[date, datetime]:
        return day + timedelta(days=d), datetime(2026, 1, 5 + d, hour, tzinfo=UTC)

    a = [optimizer.Answer(3, *at(0, 9)), optimizer.Answer(3, *at(0, 9)), optimizer.Answer(1, *at(3, 20)),
         optimizer.Answer(3, *at(3, 21)), optimizer.Answer(3, *at(5, 8))]  # fmt: skip
    b = [optimizer.Answer(3, *at(0, 10)), optimizer.Answer(3, *at(4, 7))]
    items, ids = optimizer.training_items([(1, a), (2, b)])
    assert ids == [1, 2, 1]  # day 3 20:00 (item 1), day 4 (item 2), day 5 (item 1)
    assert [len(i.reviews) for i in items] == [3, 2, 5]


def test_the_optimize_command_prints_both_losses_and_which_weights_it_kept(
    db: Database, learner: Learner, db_url: str
) -> None:
    from kratom_quiz.cli import app

    services.sync_decks(db, [deck(*(card(f"c{n}") for n in range(ITEMS)))])
    store(db, learner, simulate(7))
    result = CliRunner().invoke(app, ["--db", db_url, "optimize"])
    assert result.exit_code == 0, result.output
    assert "log loss: current 0." in result.output and ", fitted 0." in result.output
    assert "Kept the fitted parameters" in result.output or "Kept the current parameters" in result.output
