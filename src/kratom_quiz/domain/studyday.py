"""The study day: like Anki's, it starts at a set local hour (4 a.m.) and follows daylight-saving changes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone(name: str | None = None) -> tzinfo:
    """The named IANA zone, or the system's local zone (with its daylight-saving rules) when None."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {name!r}") from exc
    env = os.environ.get("TZ")
    if env:
        try:
            return ZoneInfo(env.removeprefix(":"))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    localtime = Path("/etc/localtime")
    if localtime.exists():
        with localtime.open("rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def study_day(at: datetime, zone: tzinfo, start_hour: int) -> date:
    """The study day ``at`` falls in: the local date, minus one before ``start_hour``."""
    local = at.astimezone(zone)
    return local.date() - timedelta(days=1) if local.hour < start_hour else local.date()


def day_start(day: date, zone: tzinfo, start_hour: int) -> datetime:
    """When study day ``day`` begins, in UTC."""
    return datetime.combine(day, time(start_hour), tzinfo=zone).astimezone(UTC)


def day_bounds(at: datetime, zone: tzinfo, start_hour: int) -> tuple[datetime, datetime]:
    """The UTC start and end of the study day ``at`` falls in (23 to 25 hours apart across DST changes)."""
    day = study_day(at, zone, start_hour)
    return day_start(day, zone, start_hour), day_start(day + timedelta(days=1), zone, start_hour)


@dataclass(frozen=True, slots=True)
class StudyClock:
    """A learner's calendar of study days: each starts at ``start_hour`` local time in ``zone``.

    Scheduling counts time on it, as Anki does: elapsed days are study-day rollovers passed, not 24-hour
    periods, and a review card is due on a study day, whatever daylight saving does to the hours between.
    """

    zone: tzinfo
    start_hour: int = 4

    def day(self, at: datetime) -> date:
        """The study day ``at`` falls in."""
        return study_day(at, self.zone, self.start_hour)

    def start(self, day: date) -> datetime:
        """When study day ``day`` begins (UTC)."""
        return day_start(day, self.zone, self.start_hour)

    def days_between(self, earlier: datetime, later: datetime) -> int:
        """Study days passed from ``earlier`` to ``later`` (0 on the same study day, never negative)."""
        return max(0, (self.day(later) - self.day(earlier)).days)


UTC_CLOCK = StudyClock(UTC, 4)
"""Study days starting at 04:00 UTC: for tests and tools with no learner settings at hand."""
