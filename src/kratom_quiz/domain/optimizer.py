"""Fitting a learner's FSRS weights to their review history with fsrs-rs (Rust, no torch), as Anki does.

Anki (``rslib/src/scheduler/fsrs/params.rs``) trains on one item per answer given at least one study day
after the item's previous answer (a same-day relearning step is part of the history but never a target),
in the order those answers were given, with the items' card ids, for 8 epochs; then it evaluates the current
and the fitted weights on the same items and keeps the fitted ones only when they predict better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs_rs_python as rs

MIN_TRAINING_ITEMS = 100
"""Fewer answers given on a later day than this, and the fit would be noise: refuse."""
EPOCHS = 8
RELEARNING_STEPS = 1


@dataclass(frozen=True, slots=True)
class Answer:
    """One study answer of an item: its rating (1-4), study day and time."""

    rating: int
    day: date
    at: datetime


ItemHistory = tuple[int, Sequence[Answer]]
"""An item's id and its study answers, oldest first."""


@dataclass(frozen=True, slots=True)
class Fit:
    """The weights to keep, and how well the current and the fitted ones predict the same history."""

    parameters: tuple[float, ...]
    adopted: bool
    """Whether the fitted weights are kept (else the current ones stay: they predicted at least as well)."""
    fitted: tuple[float, ...]
    items: int
    old_log_loss: float
    old_rmse: float
    new_log_loss: float
    new_rmse: float


def training_items(histories: Sequence[ItemHistory]) -> tuple[list[rs.FSRSItem], list[int]]:
    """Anki's training items and their item ids: one per answer after the first whose gap is >= 1 study day,
    holding the item's answers so far; ordered by when that answer was given."""
    import fsrs_rs_python as rs  # a native extension only the optimizer needs: loaded on first use

    found: list[tuple[datetime, int, rs.FSRSItem]] = []
    for item_id, answers in histories:
        reviews: list[rs.FSRSReview] = []
        previous: date | None = None
        for answer in answers:
            delta = 0 if previous is None else (answer.day - previous).days
            reviews.append(rs.FSRSReview(answer.rating, delta))
            previous = answer.day
            if len(reviews) > 1 and delta > 0:
                found.append((answer.at, item_id, rs.FSRSItem(list(reviews))))
    found.sort(key=lambda f: f[0])
    return [item for _, _, item in found], [item_id for _, item_id, _ in found]


def fit(histories: Sequence[ItemHistory], current: Sequence[float]) -> Fit:
    """Fit FSRS weights to these item histories; keep them only if they beat ``current`` on log loss.

    Raises:
        ValueError: too little history to fit.
    """
    import fsrs_rs_python as rs

    items, item_ids = training_items(histories)
    if len(items) < MIN_TRAINING_ITEMS:
        raise ValueError(
            f"only {len(items)} answers given on a later day than the item's previous answer; "
            f"at least {MIN_TRAINING_ITEMS} are needed"
        )
    fitted = rs.FSRS(list(current)).compute_parameters(
        items,
        card_ids=item_ids,
        enable_short_term=True,
        num_relearning_steps=RELEARNING_STEPS,
        training_config=rs.TrainingConfig(num_epochs=EPOCHS),
    )
    old = rs.FSRS(list(current)).evaluate(items)
    new = rs.FSRS(fitted).evaluate(items)
    adopted = new.log_loss < old.log_loss  # Anki keeps the current weights on a tie
    chosen = tuple(fitted) if adopted else tuple(current)
    return Fit(
        chosen, adopted, tuple(fitted), len(items), old.log_loss, old.rmse_bins, new.log_loss, new.rmse_bins
    )
