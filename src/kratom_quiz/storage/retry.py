"""Retrying a transaction that lost a race: serialization failures and deadlocks, with a bounded back-off.

On PostgreSQL the hot path writes at REPEATABLE READ, so two connections changing the same rows (the same
learner answering from two terminals, a deck sync beside a study session) make one of them fail with
SQLSTATE 40001; crossed locks give 40P01. Either way the server rolled the loser back and nothing of it
was written, so running the whole use case again is safe. Anything else (a lost connection, a constraint)
is not retried: it goes up to be reported as one line.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected
ATTEMPTS = 6
FIRST_WAIT = 0.005  # seconds; doubled per attempt, with jitter so that the losers do not collide again
MAX_WAIT = 0.2


def is_conflict(exc: BaseException) -> bool:
    """Whether ``exc`` (the driver's error, or SQLAlchemy's wrapping of it) is a lost race worth retrying."""
    for err in (exc, getattr(exc, "orig", None)):
        if getattr(err, "sqlstate", None) in RETRYABLE_SQLSTATES:
            return True
    return False


def backoff(attempt: int) -> float:
    """The wait before retry number ``attempt`` (0-based): exponential, capped, jittered."""
    return min(MAX_WAIT, FIRST_WAIT * 2.0**attempt) * random.uniform(0.5, 1.0)


def retry_conflicts(fn: Callable[P, T]) -> Callable[P, T]:
    """Run ``fn`` again (up to ``ATTEMPTS`` times in all) when its transaction lost a race."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(ATTEMPTS - 1):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if not is_conflict(exc):
                    raise
                time.sleep(backoff(attempt))
        return fn(*args, **kwargs)

    return wrapper
