"""What most use cases need to know about a learner: settings, study day and scheduler."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy.orm import Session

from kratom_quiz.domain.scheduling import Scheduler
from kratom_quiz.domain.study import LearnerSettings
from kratom_quiz.domain.studyday import StudyClock, day_bounds, local_zone
from kratom_quiz.storage import Database, repository


@dataclass(frozen=True, slots=True)
class LearnerDay:
    """A learner's settings, scheduler and the bounds of the study day that holds ``now``."""

    learner_id: int
    settings: LearnerSettings
    zone: tzinfo
    scheduler: Scheduler
    now: datetime
    start: datetime
    end: datetime

    @property
    def clock(self) -> StudyClock:
        """The learner's study days, which scheduling counts time in."""
        return StudyClock(self.zone, self.settings.day_start_hour)


def learner_day(db: Database, s: Session, learner_id: int, now: datetime) -> LearnerDay:
    if now.tzinfo is None:
        raise ValueError("now must be tz-aware")
    settings, parameters = repository.settings_and_parameters(s, learner_id)
    zone = local_zone(settings.timezone)
    scheduler = Scheduler(parameters, settings.desired_retention, fuzz=db.fuzz)
    start, end = day_bounds(now, zone, settings.day_start_hour)
    return LearnerDay(learner_id, settings, zone, scheduler, now, start, end)
