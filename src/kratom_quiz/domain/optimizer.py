"""Fitting a learner's FSRS weights to their review history with fsrs-rs (Rust, no torch)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs_rs_python as rs

MIN_TRAINING_ITEMS = 100
"""Fewer answers given on a later day than this, and the fit would be noise: refuse."""


@dataclass(frozen=True, slots=True)
class Fit:
    """Weights and how well they (and the old ones) predict the history."""

    parameters: tuple[float, ...]
    items: int
    old_log_loss: float
    old_rmse: float
    new_log_loss: float
    new_rmse: float


def training_items(histories: Sequence[Sequence[tuple[int, date]]]) -> list[rs.FSRSItem]:
    """One training item per answer after the first: the item's ratings so far, spaced in study days."""
    import fsrs_rs_python as rs  # a native extension only the optimizer needs: loaded on first use

    items = []
    for history in histories:
        reviews = []
        previous: date | None = None
        for rating, day in history:
            delta = 0 if previous is None else (day - previous).days
            reviews.append(rs.FSRSReview(rating, delta))
            previous = day
            if len(reviews) > 1:
                item = rs.FSRSItem(list(reviews))
                if item.long_term_review_cnt() > 0:
                    items.append(item)
    return items


def fit(histories: Sequence[Sequence[tuple[int, date]]], current: Sequence[float]) -> Fit:
    """New FSRS weights for these per-item histories of (rating, study day), oldest answer first.

    Raises:
        ValueError: too little history to fit.
    """
    import fsrs_rs_python as rs

    items = training_items(histories)
    if len(items) < MIN_TRAINING_ITEMS:
        raise ValueError(
            f"only {len(items)} answers given on a later day than the item's previous answer; "
            f"at least {MIN_TRAINING_ITEMS} are needed"
        )
    old = rs.FSRS(list(current)).evaluate(items)
    params = rs.FSRS(list(current)).compute_parameters(items)
    new = rs.FSRS(params).evaluate(items)
    return Fit(tuple(params), len(items), old.log_loss, old.rmse_bins, new.log_loss, new.rmse_bins)
