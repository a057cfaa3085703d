"""What screens may ask of the app, as a Protocol: screens import this, never ``tui.app``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.dom import DOMNode

    from kratom_quiz.clock import Clock
    from kratom_quiz.config import Settings
    from kratom_quiz.domain.catalog import DeckHeader
    from kratom_quiz.domain.grading import TermIndex
    from kratom_quiz.domain.study import Learner, LearnerSettings
    from kratom_quiz.services import Database
    from kratom_quiz.services.classview import Access
    from kratom_quiz.tui.db import StoreClient


class QuizHost(Protocol):
    """The study app as its screens see it."""

    settings: Settings
    clock: Clock
    store: StoreClient
    learner: Learner | None
    learner_settings: LearnerSettings
    decks: dict[str, DeckHeader]
    deck_titles: dict[str, str]
    terms: dict[str, TermIndex | tuple[str, ...]]
    class_access: Access | None

    @property
    def db(self) -> Database | None:
        """The open store, or None while it opens (or when it failed to)."""

    def sync_deck_files(self) -> None:
        """Re-read changed deck files in the background (once)."""

    def after_decks(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the decks are known (from the store, or from the files on a first start)."""

    def use_learner(self, learner: Learner) -> None:
        """Study as ``learner`` from now on."""

    def apply_settings(self, settings: LearnerSettings) -> None:
        """Keep ``settings`` and apply the theme."""

    def from_home(self, action: str) -> None:
        """Go back to the home screen and run one of its actions."""

    def study_deck(self, deck_id: str) -> None:
        """Start a study session on one deck."""

    def action_switch_learner(self) -> None:
        """Open the learner switcher."""

    def action_export_anki(self) -> None:
        """Open the Anki export dialog."""

    def action_class_report(self) -> None:
        """Open the Class screen."""

    def action_optimize(self) -> None:
        """Fit the learner's FSRS weights."""


def host(node: DOMNode | Provider) -> QuizHost:
    """The app ``node`` runs in, seen through ``QuizHost``."""
    return cast("QuizHost", node.app)
