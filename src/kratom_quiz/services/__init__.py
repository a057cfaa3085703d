"""Use cases: one function, one transaction, domain objects in and out.

The names below are loaded on first use: importing this package costs nothing, so ``services.quickstart``
(the SQLAlchemy-free read behind the first home screen) can run before SQLAlchemy has been imported.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kratom_quiz.services.core import (
        add_learner,
        find_learner,
        get_settings,
        list_learners,
        open_database,
        remove_learner,
        rename_learner,
        save_settings,
        sync_decks,
    )
    from kratom_quiz.services.insight import optimize, stats
    from kratom_quiz.services.reports import browse, card_history, day_totals, deck_summaries, today
    from kratom_quiz.services.study import (
        next_card,
        practice_items,
        record_review,
        set_suspended,
        undo_last,
    )
    from kratom_quiz.storage import Database

_HOMES = {
    "Database": "kratom_quiz.storage.engine",
    "add_learner": "kratom_quiz.services.core",
    "find_learner": "kratom_quiz.services.core",
    "get_settings": "kratom_quiz.services.core",
    "list_learners": "kratom_quiz.services.core",
    "open_database": "kratom_quiz.services.core",
    "remove_learner": "kratom_quiz.services.core",
    "rename_learner": "kratom_quiz.services.core",
    "save_settings": "kratom_quiz.services.core",
    "sync_decks": "kratom_quiz.services.core",
    "optimize": "kratom_quiz.services.insight",
    "stats": "kratom_quiz.services.insight",
    "browse": "kratom_quiz.services.reports",
    "card_history": "kratom_quiz.services.reports",
    "day_totals": "kratom_quiz.services.reports",
    "deck_summaries": "kratom_quiz.services.reports",
    "today": "kratom_quiz.services.reports",
    "next_card": "kratom_quiz.services.study",
    "practice_items": "kratom_quiz.services.study",
    "record_review": "kratom_quiz.services.study",
    "set_suspended": "kratom_quiz.services.study",
    "undo_last": "kratom_quiz.services.study",
}

__all__ = [
    "Database",
    "add_learner",
    "browse",
    "card_history",
    "day_totals",
    "deck_summaries",
    "find_learner",
    "get_settings",
    "list_learners",
    "next_card",
    "open_database",
    "optimize",
    "practice_items",
    "record_review",
    "remove_learner",
    "rename_learner",
    "save_settings",
    "set_suspended",
    "stats",
    "sync_decks",
    "today",
    "undo_last",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value
