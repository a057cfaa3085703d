"""Review cards' due instants moved to a learner's new study-day settings."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from kratom_quiz.domain.study import CardState
from kratom_quiz.domain.studyday import StudyClock
from kratom_quiz.storage.models import StateRow

_SET_DUE = (
    update(StateRow)
    .where(StateRow.learner_id == bindparam("b_learner_id"), StateRow.item_id == bindparam("b_item_id"))
    .values(due=bindparam("due"))
)


def reanchor(s: Session, learner_id: int, old: StudyClock, new: StudyClock) -> int:
    """Keep every review card due on the same study day after the day-start hour or zone changed.

    A review card's due is the start of its due study day; that instant is only a day under the settings it
    was computed with. Returns how many cards were moved.
    """
    rows = s.execute(
        select(StateRow.item_id, StateRow.due).where(
            StateRow.learner_id == learner_id,
            StateRow.state == CardState.REVIEW.value,
            StateRow.due.is_not(None),
        )
    ).all()
    moves = []
    for item_id, due in rows:
        assert due is not None
        moved = new.start(old.day(due))
        if moved != due:
            moves.append({"b_learner_id": learner_id, "b_item_id": item_id, "due": moved})
    if moves:
        s.connection().execute(_SET_DUE, moves)
    return len(moves)
