"""The current time, replaceable in tests: always tz-aware UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    """A clock that always answers ``at`` (which must be tz-aware)."""
    if at.tzinfo is None:
        raise ValueError("fixed_clock needs a tz-aware datetime")
    return lambda: at
