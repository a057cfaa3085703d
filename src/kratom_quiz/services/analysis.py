"""The teacher's reports: item analysis over every learner's first answers, and a line per learner.

Both read whatever the connection may see: on a classroom server the teacher's login sees every learner
(a learner's login would see only their own rows); on SQLite, every learner of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kratom_quiz.domain import today as domain_today
from kratom_quiz.domain.grading import answer_key
from kratom_quiz.domain.itemanalysis import FirstAnswer, ItemInfo, ItemStats, analyse
from kratom_quiz.domain.model import CardKind, StudyItem
from kratom_quiz.domain.studyday import day_bounds, local_zone
from kratom_quiz.errors import UserError
from kratom_quiz.storage import Database, classreport, itemreport

MULTI_SEPARATOR = "; "
"""How a multi answer's chosen options are joined in the review log (by the app and the plain mode)."""


def picked_options(item: StudyItem, answer: str) -> frozenset[str]:
    """The options an answer chose, by their text (the log keeps the chosen option, not its position)."""
    return _picker(item)(answer)


def _picker(item: StudyItem) -> Callable[[str], frozenset[str]]:
    """``picked_options`` for one item, its options' keys worked out once for all its answers."""
    card = item.card
    if card.kind not in (CardKind.MCQ, CardKind.MULTI):
        return lambda _: frozenset()
    by_key = {answer_key(c): c for c in card.choices}
    multi = card.kind is CardKind.MULTI
    seen: dict[str, frozenset[str]] = {}  # a class gives the same few answers to an item, over and over

    def picked(answer: str) -> frozenset[str]:
        found = seen.get(answer)
        if found is None:
            found = seen[answer] = pick(answer)
        return found

    def pick(answer: str) -> frozenset[str]:
        whole = by_key.get(answer_key(answer))
        if whole is not None:
            return frozenset({whole})
        if multi:
            return frozenset(
                c for part in answer.split(MULTI_SEPARATOR) if (c := by_key.get(answer_key(part)))
            )
        return frozenset()

    return picked


def _info(item: StudyItem) -> ItemInfo:
    card = item.card
    choice = card.kind in (CardKind.MCQ, CardKind.MULTI)
    return ItemInfo(
        item.key,
        item.question,
        card.kind.value,
        card.choices if choice else (),
        card.answers if choice else (),
    )


def item_report(db: Database, deck_id: str | None = None) -> list[ItemStats]:
    """Each active item's first answers, difficulty, discrimination, option shares and flags.

    Two statements whatever the class: the items, and every learner's first answer to each.
    """
    with db.read() as s:
        # Discrimination compares with the learner's score on every other item, whatever the deck shown.
        all_items = dict(itemreport.items(s, None))
        first = list(itemreport.first_answers(s))
    shown = {i.key for i in all_items.values() if deck_id is None or i.card.deck_id == deck_id}
    if deck_id is not None and not shown:
        raise UserError(f"no deck {deck_id!r} with active items in the database")
    pickers: dict[int, Callable[[str], frozenset[str]]] = {}
    answers = [
        FirstAnswer(
            learner, item.key, correct, (pickers.get(iid) or pickers.setdefault(iid, _picker(item)))(text)
        )
        for learner, iid, correct, text in first
        if (item := all_items.get(iid)) is not None
    ]
    every = analyse([_info(i) for i in all_items.values()], answers)
    return [st for st in every if st.info.key in shown]


@dataclass(frozen=True, slots=True)
class LearnerLine:
    """One learner as the teacher's report shows them."""

    name: str
    cards_studied: int
    reviews: int
    true_retention: float | None
    due_now: int
    streak: int
    mastery_by_topic: tuple[tuple[str, float, int], ...]
    mastery_by_evidence: tuple[tuple[str, float, int], ...]


def learner_report(db: Database, now: datetime) -> list[LearnerLine]:
    """Per learner: items studied, answers, true retention (the share of study answers to review cards
    that were recalled: Hard, Good or Easy), due today, streak, and mastery by topic and evidence level.

    A handful of statements grouped by learner, whatever the size of the class: asking per learner cost
    half a minute for thirty learners on a busy classroom server. The figures are those of ``stats`` and
    the home screen (``reports.today``) for each learner; tests hold the two to the same answers.
    """
    if now.tzinfo is None:
        raise ValueError("now must be tz-aware")
    with db.read() as s:
        people = classreport.learners(s)
        clocks = {lid: (local_zone(st.timezone), st.day_start_hour) for lid, _, st in people}
        figures = classreport.figures(s)
        done, due = classreport.day_counts(s, {lid: day_bounds(now, *clock) for lid, clock in clocks.items()})
        groups = classreport.mastery(s, now)
        days_in_a_row = domain_today.streaks(
            lambda asked: classreport.studied_windows_of(s, asked), clocks, now
        )
    out: list[LearnerLine] = []
    for lid, name, settings in people:
        studied, recalled, reviewed, answers = figures.get(lid, (0, 0, 0, 0))
        _, reviews_left = domain_today.daily_left(settings, done[lid])
        learning, review_due = due[lid]
        by_topic, by_evidence = _mastery(groups.get(lid, []))
        out.append(LearnerLine(
            name, studied, answers, recalled / reviewed if reviewed else None,
            min(reviews_left, review_due) + learning, days_in_a_row[lid], by_topic, by_evidence,
        ))  # fmt: skip
    return out


def _mastery(
    rows: list[tuple[str, str, int, int]],
) -> tuple[tuple[tuple[str, float, int], ...], tuple[tuple[str, float, int], ...]]:
    """(group, share recalled >= 90 % now, items) per topic and per evidence level, as ``stats`` has them."""
    topics: dict[str, list[int]] = {}
    levels: dict[str, list[int]] = {}
    for topic, evidence, strong, n in rows:
        for groups, key in ((topics, topic), (levels, evidence)):
            counts = groups.setdefault(key, [0, 0])
            counts[0] += strong
            counts[1] += n

    def shares(groups: dict[str, list[int]]) -> tuple[tuple[str, float, int], ...]:
        return tuple((g, strong / n if n else 0.0, n) for g, (strong, n) in sorted(groups.items()))

    return shares(topics), shares(levels)
