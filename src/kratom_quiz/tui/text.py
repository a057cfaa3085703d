"""Deck text made safe for the screen: shown literally, never as markup, with control characters removed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from kratom_quiz.text import clean, one_line

NOTICE = "Educational content about kratom. Not medical advice."

__all__ = ["NOTICE", "clean", "human_interval", "human_intervals", "literal", "one_line", "plural"]


def literal(value: str, style: str = "") -> Text:
    """A Rich ``Text`` of ``value`` exactly as written: ``[...]`` and ``[link=...]`` stay visible."""
    return Text(clean(value), style=style)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 card``, ``2 cards``, ``0 days``: the count and the noun in the form it needs."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def human_interval(seconds: float) -> str:
    """A short interval such as ``10m``, ``3h``, ``4d``, ``2mo`` or ``1.5y``."""
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30)}mo"
    return f"{days / 365:.1f}y"


def human_intervals(seconds: Sequence[float]) -> list[str]:
    """Short labels for several intervals, different whenever the intervals differ: when rounding to months
    or years would show two of them alike (Hard 45 days, Good 46), day-long ones are shown in days."""
    labels = [human_interval(s) for s in seconds]
    if len(set(labels)) < len(set(seconds)):
        labels = [
            f"{round(s / 86_400)}d" if s >= 86_400 else label
            for s, label in zip(seconds, labels, strict=True)
        ]
    return labels


def human_duration(ms: int) -> str:
    """A time spent such as ``45s`` or ``12m 05s``."""
    total = max(0, ms) // 1000
    minutes, seconds = divmod(total, 60)
    return f"{minutes}m {seconds:02d}s" if minutes else f"{seconds}s"
