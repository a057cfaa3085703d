"""Anki's rules for turning FSRS's ideal intervals into whole days: fuzz ranges and minimums.

Written from the rules of Anki's ``rslib/src/scheduler/states/fuzz.rs`` and ``review.rs`` (Anki 25.x/26.x).
"""

from __future__ import annotations

import math

# (from, to, extra fuzz per day) for intervals in those ranges of days
_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, math.inf, 0.05))


def round_half_up(x: float) -> int:
    """Rust's ``f32::round`` (halves away from zero) for the non-negative values used here."""
    return max(0, math.floor(x + 0.5))


def _fuzz_delta(interval: float) -> float:
    if interval < 2.5:
        return 0.0
    return 1.0 + sum(f * max(0.0, min(interval, end) - start) for start, end, f in _FUZZ_RANGES)


def fuzz_bounds(interval: float, minimum: int, maximum: int) -> tuple[int, int]:
    """The days fuzz may pick from for ``interval``, kept within [minimum, maximum]."""
    minimum = min(minimum, maximum)
    interval = min(max(interval, float(minimum)), float(maximum))
    delta = _fuzz_delta(interval)
    lower = min(max(round_half_up(interval - delta), minimum), maximum)
    upper = min(max(round_half_up(interval + delta), minimum), maximum)
    if upper == lower and 2 < upper < maximum:
        upper = lower + 1
    return lower, upper


def fuzzed(interval: float, minimum: int, maximum: int, factor: float | None) -> int:
    """The interval in days: fuzzed by ``factor`` (0 to 1) when given, else rounded; in [minimum, maximum]."""
    if factor is None:
        return min(max(round_half_up(interval), minimum), maximum)
    lower, upper = fuzz_bounds(interval, minimum, maximum)
    return math.floor(lower + factor * (1 + upper - lower))


def keep_previous(interval: float, previous: int, maximum: int) -> int:
    """The least a passing review may give: one more than the previous interval when FSRS's grew it,
    the previous interval when that still lies in the fuzz range (fuzz must not shorten it), else no floor."""
    if round_half_up(interval) > previous:
        return previous + 1
    _, upper = fuzz_bounds(interval, 1, maximum)
    return previous if previous <= upper else 0


def review_intervals(
    ideal: tuple[float, float, float], previous: int, maximum: int, factor: float | None
) -> tuple[int, int, int]:
    """Hard, Good and Easy days for a review card: each at least one more than the one before it."""
    hard_ideal, good_ideal, easy_ideal = ideal

    def constrained(days: float, least: int) -> int:
        least = min(max(least, 1), maximum)
        return fuzzed(days, least, maximum, factor)

    hard = constrained(hard_ideal, max(keep_previous(hard_ideal, previous, maximum), 1))
    good = constrained(good_ideal, max(keep_previous(good_ideal, previous, maximum), hard + 1))
    easy = constrained(easy_ideal, max(keep_previous(easy_ideal, previous, maximum), good + 1))
    return hard, good, easy
