"""The teacher's reports: item analysis over every learner's first answers, and a line per learner.

Both read whatever the connection may see: on a classroom server the teacher's login sees every learner
(a learner's login would see only their own rows); on SQLite, every learner of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kratom_quiz.domain.grading import answer_key
from kratom_quiz.domain.itemanalysis import FirstAnswer, ItemInfo, ItemStats, analyse
from kratom_quiz.domain.model import CardKind, StudyItem
from kratom_quiz.errors import UserError
from kratom_quiz.services import core, insight, reports
from kratom_quiz.storage import Database, itemreport

MULTI_SEPARATOR = "; "
"""How a multi answer's chosen options are joined in the review log (by the app and the plain mode)."""


def picked_options(item: StudyItem, answer: str) -> frozenset[str]:
    """The options an answer chose, by their text (the log keeps the chosen option, not its position)."""
    card = item.card
    if card.kind not in (CardKind.MCQ, CardKind.MULTI):
        return frozenset()
    by_key = {answer_key(c): c for c in card.choices}
    whole = by_key.get(answer_key(answer))
    if whole is not None:
        return frozenset({whole})
    if card.kind is CardKind.MULTI:
        return frozenset(c for part in answer.split(MULTI_SEPARATOR) if (c := by_key.get(answer_key(part))))
    return frozenset()


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
    """Each active item's first answers, difficulty, discrimination, option shares and flags."""
    with db.read() as s:
        items = itemreport.items(s, deck_id)
        if deck_id is not None and not items:
            raise UserError(f"no deck {deck_id!r} with active items in the database")
        by_id = dict(items)
        # Discrimination compares with the learner's score on every other item, whatever the deck shown.
        all_items = by_id if deck_id is None else dict(itemreport.items(s, None))
        answers = [
            FirstAnswer(learner, all_items[iid].key, correct, picked_options(all_items[iid], text))
            for learner, iid, correct, text in itemreport.first_answers(s)
            if iid in all_items
        ]
    every = analyse([_info(i) for i in all_items.values()], answers)
    shown = {i.key for i in by_id.values()}
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
    that were recalled: Hard, Good or Easy), due today, streak, and mastery by topic and evidence level."""
    with db.read() as s:
        figures = itemreport.learner_figures(s)
    out: list[LearnerLine] = []
    for learner in core.list_learners(db):
        st = insight.stats(db, learner.id, now)
        totals = reports.today(db, learner.id, now).totals
        studied, recalled, reviewed = figures.get(learner.id, (0, 0, 0))
        out.append(LearnerLine(
            learner.name, studied, st.total_reviews, recalled / reviewed if reviewed else None,
            totals.due_left, st.streak, st.mastery_by_topic, st.mastery_by_evidence,
        ))  # fmt: skip
    return out
