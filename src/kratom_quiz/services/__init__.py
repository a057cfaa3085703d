"""Use cases: one function, one transaction, domain objects in and out."""

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
from kratom_quiz.services.reports import browse, card_history, day_totals, deck_summaries
from kratom_quiz.services.study import next_card, practice_items, record_review, set_suspended, undo_last
from kratom_quiz.storage import Database

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
    "undo_last",
]
