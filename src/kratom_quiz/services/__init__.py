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
    from kratom_quiz.services.decksync import deck_catalog, deck_index, refresh_decks, stored_cards
    from kratom_quiz.services.insight import optimize, stats
    from kratom_quiz.services.reports import browse, card_history, today
    from kratom_quiz.services.study import (
        next_card,
        practice_items,
        record_review,
        set_suspended,
        undo_last,
    )
    from kratom_quiz.storage import Database

_MODULES = ("core", "decksync", "insight", "reports", "study")  # where the names of __all__ are defined

__all__ = [
    "Database",
    "add_learner",
    "browse",
    "card_history",
    "deck_catalog",
    "deck_index",
    "find_learner",
    "get_settings",
    "list_learners",
    "next_card",
    "open_database",
    "optimize",
    "practice_items",
    "record_review",
    "refresh_decks",
    "remove_learner",
    "rename_learner",
    "save_settings",
    "set_suspended",
    "stats",
    "stored_cards",
    "sync_decks",
    "today",
    "undo_last",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        for module in _MODULES:
            found = vars(import_module(f"{__name__}.{module}")).get(name)
            if found is not None:
                globals()[name] = found  # later lookups skip this function
                return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
