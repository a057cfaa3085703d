"""The FSRS-6 memory model as pure functions, following fsrs-rs (the crate inside Anki) formula for formula.

Time is given in whole study days elapsed since the previous review; 0 means the same study day, where
FSRS-6 uses its short-term stability formula instead of the forgetting curve.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
"""FSRS-6's default weights (fsrs-rs 6.x and py-fsrs 6.x agree)."""

S_MIN = 0.001
S_MAX = 36500.0
"""Stability is capped at 100 years, as in fsrs-rs (and so in Anki)."""
D_MIN = 1.0
D_MAX = 10.0


@dataclass(frozen=True, slots=True)
class MemoryState:
    """Stability (days until recall falls to 90 %) and difficulty (1 to 10)."""

    stability: float
    difficulty: float


def _factor(w: Sequence[float]) -> float:
    return float(0.9 ** (1.0 / -w[20]) - 1.0)


def retrievability(w: Sequence[float], elapsed_days: float, stability: float) -> float:
    """The predicted probability of recall ``elapsed_days`` after a review (FSRS-6 power curve)."""
    return float((elapsed_days / stability * _factor(w) + 1.0) ** -w[20])


def interval(w: Sequence[float], stability: float, desired_retention: float) -> float:
    """The (unrounded) days until predicted recall falls to ``desired_retention``."""
    return float(stability / _factor(w) * (desired_retention ** (1.0 / -w[20]) - 1.0))


def init_stability(w: Sequence[float], rating: int) -> float:
    return float(w[min(max(rating, 1), 4) - 1])


def init_difficulty(w: Sequence[float], rating: int) -> float:
    return float(w[4] - math.exp(w[5] * (rating - 1)) + 1.0)


def _next_difficulty(w: Sequence[float], d: float, rating: int) -> float:
    delta = -w[6] * (rating - 3)
    damped = d + (10.0 - d) * delta / 9.0  # linear damping: hard to move near the top
    return float(w[7] * (init_difficulty(w, 4) - damped) + damped)  # mean reversion to D0(Easy)


def _after_success(w: Sequence[float], s: float, d: float, r: float, rating: int) -> float:
    hard_penalty = w[15] if rating == 2 else 1.0
    easy_bonus = w[16] if rating == 4 else 1.0
    grow = math.exp(w[8]) * (11.0 - d) * s ** -w[9] * (math.exp((1.0 - r) * w[10]) - 1.0)
    return float(s * (grow * hard_penalty * easy_bonus + 1.0))


def _after_failure(w: Sequence[float], s: float, d: float, r: float) -> float:
    new_s = w[11] * d ** -w[12] * ((s + 1.0) ** w[13] - 1.0) * math.exp((1.0 - r) * w[14])
    return float(min(new_s, s / math.exp(w[17] * w[18])))


def _short_term(w: Sequence[float], s: float, rating: int) -> float:
    sinc = math.exp(w[17] * (rating - 3 + w[18])) * s ** -w[19]
    return float(s * (max(sinc, 1.0) if rating >= 2 else sinc))


_F32 = struct.Struct("f")


def as_f32(x: float) -> float:
    """``x`` rounded to single precision, as fsrs-rs computes and Anki stores memory states."""
    return float(_F32.unpack(_F32.pack(x))[0])


def step(w: Sequence[float], state: MemoryState | None, rating: int, elapsed_days: int) -> MemoryState:
    """The memory state after answering ``rating`` (1-4); ``state`` None for a card's first answer.

    Rounded to single precision like fsrs-rs computes it (``stored`` rounds further, as Anki keeps it).
    """
    if state is None:
        return MemoryState(
            as_f32(min(max(init_stability(w, rating), S_MIN), S_MAX)),
            as_f32(min(max(init_difficulty(w, rating), D_MIN), D_MAX)),
        )
    s = min(max(state.stability, S_MIN), S_MAX)
    d = min(max(state.difficulty, D_MIN), D_MAX)
    if elapsed_days == 0:
        new_s = _short_term(w, s, rating)
    else:
        r = retrievability(w, elapsed_days, s)
        new_s = _after_failure(w, s, d, r) if rating == 1 else _after_success(w, s, d, r, rating)
    new_d = min(max(_next_difficulty(w, d, rating), D_MIN), D_MAX)
    return MemoryState(as_f32(min(max(new_s, S_MIN), S_MAX)), as_f32(new_d))


def _round_places(x: float, places: int) -> float:
    factor = 10.0**places
    scaled = as_f32(as_f32(x) * factor)
    return as_f32(math.copysign(math.floor(abs(scaled) + 0.5), scaled) / factor)


def stored(state: MemoryState) -> MemoryState:
    """The state as Anki stores it on the card (stability to 4 decimals, difficulty to 3), which is what
    its next review starts from: keeping the same precision keeps long histories from drifting apart."""
    return MemoryState(_round_places(state.stability, 4), _round_places(state.difficulty, 3))
