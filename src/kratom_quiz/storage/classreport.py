"""The rows behind the teacher's learner report: every learner's figures in a few grouped statements.

The per-learner queries of ``storage.summary`` cost several statements per learner; on a classroom server,
through row-level security and beside thirty learners answering, a class's report took half a minute.
These statements read all the learners the connection may see at once, grouped by learner. Each
learner's own study day (time zone, day-start hour) enters as a VALUES table of bound times, so the day
boundaries stay computed in Python, as everywhere else in the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    CTE,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    column,
    exists,
    func,
    select,
    values,
)
from sqlalchemy.orm import Session

from kratom_quiz.domain.study import CardState, LearnerSettings, Mode
from kratom_quiz.domain.today import LEARNING_STATES
from kratom_quiz.storage.hot import run
from kratom_quiz.storage.models import DeckRow, ItemRow, LearnerRow, ReviewRow, SettingsRow, StateRow
from kratom_quiz.storage.repository import SETTINGS_COLUMNS, settings_from
from kratom_quiz.storage.types import UTCDateTime

AnySelect = Select[Any]

MAX_PARAMETERS = 30_000
"""Bound values per statement: SQLite allows 32,766, PostgreSQL 65,535; larger classes are read in parts."""


LEARNERS = (
    select(LearnerRow.id, LearnerRow.name, SettingsRow.learner_id.label("has_settings"), *SETTINGS_COLUMNS)
    .outerjoin(SettingsRow, SettingsRow.learner_id == LearnerRow.id)
    .order_by(LearnerRow.name)  # as repository.list_learners
)


def learners(s: Session) -> list[tuple[int, str, LearnerSettings]]:
    """Every learner the connection may see, by name, with their settings (the defaults when none)."""
    out = []
    for row in s.connection().execute(LEARNERS).mappings():
        settings = LearnerSettings() if row["has_settings"] is None else settings_from(dict(row))
        out.append((int(row["id"]), str(row["name"]), settings))
    return out


def _count(cond: Any) -> Any:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


_STUDY = ReviewRow.mode == Mode.STUDY.value
_REVIEW_ANSWER = (ReviewRow.state_before == CardState.REVIEW.value) & _STUDY

FIGURES = select(
    ReviewRow.learner_id,
    func.count(ReviewRow.item_id.distinct()),
    _count(_REVIEW_ANSWER & (ReviewRow.rating > 1)),
    _count(_REVIEW_ANSWER),
    _count(_STUDY),
).group_by(ReviewRow.learner_id)


def figures(s: Session) -> dict[int, tuple[int, int, int, int]]:
    """Per learner: items answered at least once (any mode), review answers recalled (Hard, Good or Easy),
    review answers in all, and study answers in all."""
    return {int(lid): (int(a), int(b), int(c), int(d)) for lid, a, b, c, d in s.connection().execute(FIGURES)}


MASTERY = (
    select(
        StateRow.learner_id,
        ItemRow.topic,
        ItemRow.evidence,
        _count(StateRow.strong_until > bindparam("now")),
        func.count(),
    )
    .select_from(StateRow)
    .join(ItemRow, ItemRow.id == StateRow.item_id)
    .where(ItemRow.archived.is_(False))
    .group_by(StateRow.learner_id, ItemRow.topic, ItemRow.evidence)
)


def mastery(s: Session, now: datetime) -> dict[int, list[tuple[str, str, int, int]]]:
    """Per learner: (topic, evidence level, items recalled >= 90 % now, items) of their active items."""
    out: dict[int, list[tuple[str, str, int, int]]] = {}
    for lid, topic, evidence, strong, n in s.connection().execute(MASTERY, {"now": now}):
        out.setdefault(int(lid), []).append((str(topic), str(evidence), int(strong), int(n)))
    return out


def _table(name: str, n: int, *cols: tuple[str, Any]) -> CTE:
    """A VALUES table ``name`` of ``n`` rows of bound values ``{name}_{col}{i}``."""
    rows = [tuple(bindparam(f"{name}_{c}{i}", type_=t) for c, t in cols) for i in range(n)]
    return values(*(column(c, t) for c, t in cols), name=name).data(rows).cte(name)


def _params(name: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    return {f"{name}_{c}{i}": v for i, row in enumerate(rows) for c, v in zip(cols, row, strict=True)}


_DAY_COLS = ("learner", "lo", "hi")


def _days(n: int) -> CTE:
    return _table("d", n, ("learner", Integer()), ("lo", UTCDateTime()), ("hi", UTCDateTime()))


@cache
def _done_today(n: int) -> AnySelect:
    d = _days(n)
    return (
        select(d.c.learner, ReviewRow.state_before, func.count())
        .select_from(d)
        .join(ReviewRow, and_(ReviewRow.learner_id == d.c.learner, ReviewRow.reviewed_at >= d.c.lo))
        .where(_STUDY)
        .group_by(d.c.learner, ReviewRow.state_before)
    )


@cache
def _due_today(n: int) -> AnySelect:
    d = _days(n)
    # Active items of active decks, as the home screen counts them (there minus the archived items).
    return (
        select(
            d.c.learner,
            _count(StateRow.state.in_(LEARNING_STATES)),
            _count(StateRow.state == CardState.REVIEW.value),
        )
        .select_from(d)
        .join(StateRow, StateRow.learner_id == d.c.learner)
        .join(DeckRow, DeckRow.id == StateRow.deck_id)
        .join(ItemRow, ItemRow.id == StateRow.item_id)
        .where(
            StateRow.state.in_((*LEARNING_STATES, CardState.REVIEW.value)),
            StateRow.suspended.is_(False),
            StateRow.due < d.c.hi,
            DeckRow.archived.is_(False),
            ItemRow.archived.is_(False),
        )
        .group_by(d.c.learner)
    )


def _parts(rows: Sequence[Any], per_row: int, fixed: int = 0) -> list[Sequence[Any]]:
    size = max(1, (MAX_PARAMETERS - fixed) // per_row)
    return [rows[i : i + size] for i in range(0, len(rows), size)] or [[]]


def day_counts(
    s: Session, days: Mapping[int, tuple[datetime, datetime]]
) -> tuple[dict[int, dict[str, int]], dict[int, tuple[int, int]]]:
    """For each learner's study day [start, end): their study answers since its start by the item's state
    before, and their (learning, review) items due before its end, of active items in active decks."""
    done: dict[int, dict[str, int]] = {lid: {} for lid in days}
    due: dict[int, tuple[int, int]] = dict.fromkeys(days, (0, 0))
    conn = s.connection()
    for part in _parts([(lid, lo, hi) for lid, (lo, hi) in days.items()], len(_DAY_COLS)):
        if not part:
            continue
        params = _params("d", _DAY_COLS, part)
        for lid, state, n in run(conn, _done_today(len(part)), params):
            done[int(lid)][str(state)] = int(n)
        for lid, learning, review in run(conn, _due_today(len(part)), params):
            due[int(lid)] = (int(learning), int(review))
    return done, due


@cache
def _studied(groups: int, windows: int, members: int) -> AnySelect:
    w = _table("w", groups * windows, ("g", Integer()), ("i", Integer()), ("lo", UTCDateTime()),
               ("hi", UTCDateTime()))  # fmt: skip
    m = _table("m", members, ("learner", Integer()), ("g", Integer()))
    hit = exists().where(
        ReviewRow.learner_id == m.c.learner,
        ReviewRow.reviewed_at >= w.c.lo,
        ReviewRow.reviewed_at < w.c.hi,
        _STUDY,
    )
    return select(m.c.learner, w.c.i).select_from(m).join(w, w.c.g == m.c.g).where(hit)


def studied_windows_of(
    s: Session, asked: Mapping[int, Sequence[tuple[datetime, datetime]]]
) -> dict[int, list[bool]]:
    """For each learner, whether they answered anything in study mode in each of their windows [start, end).

    Learners with the same windows (the same time zone and day-start hour: most of a class) share one set
    of bound windows; each (learner, window) is one index probe.
    """
    out = {lid: [False] * len(ws) for lid, ws in asked.items()}
    conn = s.connection()
    for part in _window_parts(asked):
        groups: dict[tuple[tuple[datetime, datetime], ...], int] = {}
        members = [(lid, groups.setdefault(tuple(asked[lid]), len(groups))) for lid in part]
        longest = max(len(ws) for ws in groups)
        # Windows padded to one length (the last repeated): the statement's shape depends on sizes only.
        w_rows = [(g, i, *ws[min(i, len(ws) - 1)]) for ws, g in groups.items() for i in range(longest)]
        params = {**_params("w", ("g", "i", "lo", "hi"), w_rows), **_params("m", ("learner", "g"), members)}
        for lid, i in run(conn, _studied(len(groups), longest, len(members)), params):
            flags = out[int(lid)]
            if int(i) < len(flags):
                flags[int(i)] = True
    return out


def _window_parts(asked: Mapping[int, Sequence[tuple[datetime, datetime]]]) -> list[list[int]]:
    """The learners in parts whose statement stays under MAX_PARAMETERS (one part for a usual class)."""
    parts: list[list[int]] = []
    part: list[int] = []
    seen: set[tuple[tuple[datetime, datetime], ...]] = set()
    used = 0
    for lid in sorted(asked, key=lambda x: tuple(asked[x])):  # learners sharing windows side by side
        ws = tuple(asked[lid])
        if not ws:
            continue
        cost = 2 + (0 if ws in seen else 4 * len(ws))
        if part and used + cost > MAX_PARAMETERS:
            parts.append(part)
            part, seen, used = [], set(), 0
            cost = 2 + 4 * len(ws)
        part.append(lid)
        seen.add(ws)
        used += cost
    if part:
        parts.append(part)
    return parts
