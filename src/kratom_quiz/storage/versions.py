"""A learner's change counters on a server: whether the in-memory study queue is still the truth.

Migration 0005 has the server count changes itself: triggers bump ``learner_versions.version`` of a learner
once per row changed in their card states, review log, settings or FSRS weights (by any connection: another
terminal of theirs, undo, the teacher removing them), and ``content_version`` once per statement changing
decks or items (a deck sync). A study cache remembers the pair it was built at; one indexed read in the
action's own snapshot tells whether it still holds.

An answer's own writes bump the learner's counter too: the answer reads it again after them, before its
COMMIT (pipelined with it: no extra round trip). Under REPEATABLE READ that figure hides nobody else's change:
had another transaction bumped the row since this one's snapshot, the trigger's UPDATE would have failed
with a serialization error (SQLSTATE 40001) and the answer been retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, column, select, table

from kratom_quiz.storage.models import ItemRow, StateRow
from kratom_quiz.storage.queue import QUEUED_COLUMNS, queued_of

if TYPE_CHECKING:
    from kratom_quiz.storage.hot import HotConnection
    from kratom_quiz.storage.progress import Queued

Version = tuple[int, int]
"""(the learner's counter, the decks' and items' counter)."""

_LEARNER = table("learner_versions", column("learner_id"), column("version"))
_CONTENT = table("content_version", column("version"))


def _version(mine: Any, content: Any) -> Version | None:
    # No counter row (none can be seen, or the learner is gone): no cache is trusted, as before 0005.
    return None if mine is None or content is None else (int(mine), int(content))


@dataclass(frozen=True, slots=True)
class Counters:
    """What an answer reads first: the learner's counters, and whether its review id is logged already."""

    version: Version | None
    logged: bool


_READ = (
    "SELECT (SELECT version FROM learner_versions WHERE learner_id = %(learner_id)s), "
    "(SELECT version FROM content_version), "
    "EXISTS (SELECT 1 FROM review_log WHERE id = %(review_id)s)"
)


def read(hot: HotConnection, learner_id: int, review_id: str | None = None) -> Counters:
    """The learner's counters now, in the hot connection's current transaction (one statement)."""
    cursor = hot.execute_sql(_READ, {"learner_id": learner_id, "review_id": review_id})
    mine, content, logged = cursor.fetchone()
    return Counters(_version(mine, content), bool(logged))


class Reread:
    """The learner's counters read again after this transaction's writes; ``value()`` once it committed."""

    def __init__(self, hot: HotConnection, learner_id: int) -> None:
        self._cursor = hot.execute_sql(_READ, {"learner_id": learner_id, "review_id": None})

    def value(self) -> Version | None:
        mine, content, _ = self._cursor.fetchone()
        return _version(mine, content)


# The next card of a warm cache, confirmed: the counters and the item picked, in one statement (one snapshot).
_THE_STATE = and_(StateRow.learner_id == bindparam("learner_id"), StateRow.item_id == bindparam("item_id"))
_CONFIRM = select(_LEARNER.c.version, _CONTENT.c.version, *QUEUED_COLUMNS).select_from(
    _CONTENT.outerjoin(_LEARNER, _LEARNER.c.learner_id == bindparam("learner_id"))
    .outerjoin(StateRow, _THE_STATE)
    .outerjoin(ItemRow, ItemRow.id == StateRow.item_id)
)


def confirm(hot: HotConnection, learner_id: int, item_id: int) -> tuple[Version | None, Queued | None]:
    """The learner's counters and their state of the item with the item itself (None if it is gone)."""
    row = hot.execute(_CONFIRM, {"learner_id": learner_id, "item_id": item_id}).fetchone()
    found = None if row[2] is None else queued_of(row[2:])
    return _version(row[0], row[1]), found
