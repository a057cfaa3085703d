"""The study day: like Anki's, it starts at a set local hour (4 a.m.) and follows daylight-saving changes."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone(name: str | None = None) -> tzinfo:
    """The named IANA zone, or the system's local zone (with its daylight-saving rules) when None."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {name!r}") from exc
    env = os.environ.get("TZ")  # read on each call: tzlocal keeps its first answer, and TZ may change
    if env:
        try:
            return ZoneInfo(env.removeprefix(":"))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    # tzlocal reads the zone the way each platform keeps it (TZ, /etc/localtime, timedatectl, the Windows
    # registry) and names it, e.g. "Europe/Berlin"; zoneinfo with tzdata supplies the rules everywhere.
    try:
        from tzlocal import get_localzone

        return get_localzone()
    except Exception:  # a broken system setting (tzlocal raises several kinds): fall back, never crash
        zone = datetime.now().astimezone().tzinfo
        return zone if zone is not None else UTC


def zone_name(zone: tzinfo) -> str:
    """The IANA name of ``zone`` (e.g. "Europe/Berlin"), or its abbreviation when it has no name."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) and key else str(zone)


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
