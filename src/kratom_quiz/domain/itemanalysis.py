"""Item analysis from the class's first answers: difficulty, discrimination and how each option fares.

Classical test theory, as a teacher's item report shows it. Only each learner's *first* answer to an item
counts (later ones measure the scheduler's repetition, not the question). For each item:

* difficulty: the share of first answers that were right;
* discrimination: the point-biserial correlation between being right on this item and the learner's share
  right on the *other* items they answered (the "rest score": the item does not correlate with itself);
* for multiple-choice items, the share of learners choosing each option, overall and in the upper group
  (the 27 % of its answerers with the best rest scores).

Flags point at the items worth a second look: a negative or near-zero discrimination (strong learners do
no better than weak ones), a distractor no one picks (it distracts no one), and a distractor the upper
group picks more often than the key (the key may be wrong, or the question ambiguous).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kratom_quiz.domain.study import ItemKey

UPPER_SHARE = 0.27
NEAR_ZERO = 0.1
"""Discrimination below this (and at or above 0) is flagged as near zero."""
MIN_ANSWERS = 5
"""Fewer first answers than this: figures shown, no flags (too few to judge)."""


@dataclass(frozen=True, slots=True)
class FirstAnswer:
    """A learner's first answer to an item: right or not, and the options picked (choice items)."""

    learner_id: int
    key: ItemKey
    correct: bool
    picked: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """What the analysis needs of an item: its question, kind, options and keys (choice items)."""

    key: ItemKey
    question: str
    kind: str
    choices: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OptionStats:
    option: str
    is_key: bool
    share: float
    upper_share: float | None


@dataclass(frozen=True, slots=True)
class ItemStats:
    info: ItemInfo
    answers: int
    difficulty: float | None
    discrimination: float | None
    options: tuple[OptionStats, ...]
    flags: tuple[str, ...]


def point_biserial(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r of ``xs`` and ``ys`` (with 0/1 ``xs``: the point-biserial); None if either is constant."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def analyse(infos: Iterable[ItemInfo], answers: Iterable[FirstAnswer]) -> list[ItemStats]:
    """Each item's statistics, in the order of ``infos`` (items nobody answered have ``answers == 0``)."""
    answers = list(answers)
    right: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    by_item: dict[ItemKey, list[FirstAnswer]] = defaultdict(list)
    for a in answers:
        right[a.learner_id] += a.correct
        count[a.learner_id] += 1
        by_item[a.key].append(a)

    def rest(a: FirstAnswer) -> float | None:
        others = count[a.learner_id] - 1
        return None if others < 1 else (right[a.learner_id] - a.correct) / others

    return [_item(info, by_item.get(info.key, []), rest) for info in infos]


def _item(info: ItemInfo, got: list[FirstAnswer], rest: Callable[[FirstAnswer], float | None]) -> ItemStats:
    n = len(got)
    difficulty = sum(a.correct for a in got) / n if n else None
    scored = [(a, r) for a in got if (r := rest(a)) is not None]
    r_pb = point_biserial([float(a.correct) for a, _ in scored], [r for _, r in scored])
    upper = _upper(scored)
    options = tuple(
        OptionStats(
            c,
            c in info.keys,
            sum(c in a.picked for a in got) / n if n else 0.0,
            sum(c in a.picked for a in upper) / len(upper) if upper else None,
        )
        for c in info.choices
    )
    return ItemStats(info, n, difficulty, r_pb, options, _flags(n, r_pb, options) if n >= MIN_ANSWERS else ())


def _upper(scored: list[tuple[FirstAnswer, float]]) -> list[FirstAnswer]:
    if not scored:
        return []
    size = max(1, round(len(scored) * UPPER_SHARE))
    return [a for a, _ in sorted(scored, key=lambda p: p[1], reverse=True)[:size]]


def _flags(n: int, r_pb: float | None, options: tuple[OptionStats, ...]) -> tuple[str, ...]:
    flags: list[str] = []
    if r_pb is not None and r_pb < 0:
        flags.append(f"negative discrimination ({r_pb:+.2f})")
    elif r_pb is not None and r_pb < NEAR_ZERO:
        flags.append(f"near-zero discrimination ({r_pb:+.2f})")
    key_upper = max((o.upper_share or 0.0 for o in options if o.is_key), default=0.0)
    for o in options:
        if o.is_key:
            continue
        if o.share == 0:
            flags.append(f"distractor never picked: {o.option!r}")
        elif o.upper_share is not None and o.upper_share > key_upper:
            flags.append(f"strong learners pick distractor {o.option!r} more than the key")
    return tuple(flags)
