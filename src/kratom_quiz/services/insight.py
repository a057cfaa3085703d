"""Statistics over a learner's history, and fitting their FSRS weights to it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kratom_quiz.clock import utc_now
from kratom_quiz.domain import optimizer
from kratom_quiz.domain.scheduling import DEFAULT_PARAMETERS
from kratom_quiz.domain.study import Mode, OptimizeReport, Stats
from kratom_quiz.domain.studyday import day_start, local_zone, study_day
from kratom_quiz.errors import UserError
from kratom_quiz.services.context import learner_day
from kratom_quiz.services.reports import streak
from kratom_quiz.storage import Database, repository, summary
from kratom_quiz.storage.retry import retry_conflicts

HISTORY_DAYS = 30
RETENTION_WEEKS = 12
FORECAST_DAYS = 30


def stats(db: Database, learner_id: int, now: datetime) -> Stats:
    """Answers per study day (30 days), true retention by week (12 weeks), a 30-day due forecast,
    mastery (recall >= 90 % now) by topic and by evidence level, and the streak."""
    days_in_a_row = streak(db, learner_id, now)  # on the hot connection: not inside the session below
    with db.read() as s:
        day = learner_day(db, s, learner_id, now)
        hour, zone = day.settings.day_start_hour, day.zone
        today = study_day(now, zone, hour)

        def start(d: date) -> datetime:
            return day_start(d, zone, hour)

        monday = today - timedelta(days=today.weekday())
        first = min(monday - timedelta(weeks=RETENTION_WEEKS - 1), today - timedelta(days=HISTORY_DAYS - 1))
        # Every study day from the first one shown to the end of this week, counted in one statement; the
        # weeks are sums of their days, so no answer is counted twice.
        every_day = [first + timedelta(days=n) for n in range((monday + timedelta(weeks=1) - first).days)]
        windows = [(start(d), start(d + timedelta(days=1))) for d in every_day]
        counts = dict(zip(every_day, summary.answer_counts(s, learner_id, windows), strict=True))
        per_day = [
            (d, counts[d][0]) for d in (today - timedelta(days=b) for b in range(HISTORY_DAYS - 1, -1, -1))
        ]
        retention = []
        for back in range(RETENTION_WEEKS - 1, -1, -1):
            w = monday - timedelta(weeks=back)
            week = [counts[w + timedelta(days=n)] for n in range(7)]
            reviews, passed = sum(c[1] for c in week), sum(c[2] for c in week)
            retention.append((w, passed / reviews if reviews else None, reviews))
        days = [today + timedelta(days=ahead) for ahead in range(FORECAST_DAYS)]
        forecast = list(
            zip(
                days,
                summary.due_counts(s, learner_id, [start(d + timedelta(days=1)) for d in days]),
                strict=True,
            )
        )
        by_topic, by_evidence = summary.mastery(s, learner_id, now)

        def shares(groups: list[tuple[str, int, int]]) -> tuple[tuple[str, float, int], ...]:
            return tuple((g, strong / n if n else 0.0, n) for g, strong, n in groups)

        return Stats(
            reviews_per_day=tuple(per_day),
            retention_by_week=tuple(retention),
            forecast=tuple(forecast),
            mastery_by_topic=shares(by_topic),
            mastery_by_evidence=shares(by_evidence),
            streak=days_in_a_row,
            total_reviews=summary.total_reviews(s, learner_id),
            practice_answers=summary.total_reviews(s, learner_id, Mode.PRACTICE),
        )


@retry_conflicts
def optimize(db: Database, learner_id: int) -> OptimizeReport:
    """Fit the learner's FSRS weights to their study history and keep them for scheduling from now on.

    Raises:
        UserError: the history is too short to fit anything meaningful.
    """
    with db.read() as s:
        settings = repository.get_settings(s, learner_id)
        current = repository.get_parameters(s, learner_id) or DEFAULT_PARAMETERS
        zone = local_zone(settings.timezone)
        hour = settings.day_start_hour
        histories = [
            (item_id, [optimizer.Answer(rating, study_day(at, zone, hour), at) for rating, at in answers])
            for item_id, answers in summary.study_histories(s, learner_id)
        ]
    reviews = sum(len(answers) for _, answers in histories)
    try:
        fit = optimizer.fit(histories, current)
    except ValueError as exc:
        raise UserError(f"not enough history to optimize yet: {exc}") from exc
    if fit.adopted:
        with db.write() as s:
            repository.save_parameters(s, learner_id, fit.parameters, now=utc_now(), reviews=reviews,
                                       log_loss=fit.new_log_loss, rmse=fit.new_rmse)  # fmt: skip
    return OptimizeReport(reviews, fit.items, fit.old_log_loss, fit.new_log_loss, fit.old_rmse, fit.new_rmse,
                          fit.parameters, fit.adopted)  # fmt: skip
