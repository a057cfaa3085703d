"""The first home screen, read before the full store is open (no SQLAlchemy: see ``storage.quick``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from kratom_quiz.domain.study import Learner, LearnerSettings
from kratom_quiz.domain.studyday import local_zone
from kratom_quiz.domain.today import Today, today
from kratom_quiz.storage.quick import NotQuick, QuickReader, sqlite_file


@dataclass(frozen=True, slots=True)
class FirstView:
    """The one learner of the database, their settings and today's view."""

    learner: Learner
    settings: LearnerSettings
    today: Today


def first_view(url: str, now: datetime) -> FirstView | None:
    """Today's view for the database's only learner, read with ``sqlite3`` alone.

    None whenever the quick read does not apply, and the full store then does the work (and reports any
    problem): not a SQLite file, no file yet, a schema to migrate, no learner or several to choose from, or
    anything unreadable.
    """
    path = sqlite_file(url)
    if path is None:
        return None
    try:
        with QuickReader(path) as reader:
            learners = reader.learners()
            if len(learners) != 1:
                return None
            learner = learners[0]
            settings = reader.settings(learner.id)
            view = today(reader, learner.id, settings, local_zone(settings.timezone), now)
            return FirstView(learner, settings, view)
    except (NotQuick, sqlite3.Error, ValueError, OSError):
        return None
