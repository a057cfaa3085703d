"""A study session's life: its state, undo and suspend, and leaving without losing an ungraded answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.reactive import reactive
from textual.screen import Screen

from kratom_quiz.domain.model import StudyItem
from kratom_quiz.domain.study import DueCard, ItemKey, Mode, Rating
from kratom_quiz.tui.host import QuizHost, host
from kratom_quiz.tui.screens.study_flow import Pending
from kratom_quiz.tui.screens.study_keys import FEEDBACK, LOADING, QUESTION, SAVING
from kratom_quiz.tui.session import SessionTally


class StudySession(Screen[None]):
    """The session around the cards; ``StudyScreen`` shows and answers them."""

    phase: reactive[str] = reactive(LOADING, bindings=True)

    def __init__(
        self,
        *,
        deck_id: str | None = None,
        mode: Mode = Mode.STUDY,
        practice: tuple[int, tuple[str, ...], tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__()
        self.mode = mode
        self.deck_id = deck_id
        self.practice = practice
        self.tally = SessionTally(mode=mode, deck_id=deck_id)
        self.queue: list[StudyItem] = []
        self.due: DueCard | None = None
        self.item: StudyItem | None = None
        self.left = 0
        self.pending: Pending | None = None
        self.shown_at: datetime | None = None

    @property
    def quiz_app(self) -> QuizHost:
        return host(self)

    def _learner_id(self) -> int:
        learner = self.quiz_app.learner
        if learner is None:
            raise RuntimeError("no learner chosen")
        return learner.id

    def load_next(self) -> None:
        """Show the next card (or finish)."""
        raise NotImplementedError

    def _save(self, rating: Rating, then: Callable[[], None] | None = None) -> None:
        """Save the pending answer with ``rating``, then show the next card (or run ``then``)."""
        raise NotImplementedError

    # -- undo, suspend, end ----------------------------------------------------------------------------

    def action_undo(self) -> None:
        """Take back the last saved answer; its card comes back."""
        from kratom_quiz import services

        learner, mine = self._learner_id(), self.tally.review_ids

        def undone(key: ItemKey | None) -> None:
            if key is None:
                self.notify("Nothing to undo.")
                self.phase = QUESTION if self.pending is None else FEEDBACK
                return
            self.tally.undo()
            self.notify("Undid your last answer.")
            self.load_next()

        self.phase = SAVING
        self.quiz_app.store.run(
            "undoing your last answer",
            lambda db: services.undo_last(db, learner, mine),
            undone,
            write=True,
            failed=lambda _: setattr(self, "phase", QUESTION),
            owner=self,
        )

    def action_suspend(self) -> None:
        """Suspend this card: it is not shown again until unsuspended in Browse."""
        from kratom_quiz import services

        item = self.item
        assert item is not None
        learner = self._learner_id()

        def suspended(_: None) -> None:
            self.notify("Card suspended. Unsuspend it in Browse (b on the home screen).")
            self.load_next()

        self.phase = SAVING
        self.quiz_app.store.run(
            "suspending the card",
            lambda db: services.set_suspended(db, learner, item.key, True),
            suspended,
            write=True,
            failed=lambda _: setattr(self, "phase", QUESTION),
            owner=self,
        )

    def action_leave(self, how: str) -> None:
        """End the session (Esc) or quit the app (q); an answer shown but not graded is asked about once."""
        if self.phase == SAVING:
            self.notify("Saving your answer… press again in a moment.")
            return
        pending = self.pending
        if self.phase != FEEDBACK or pending is None:
            self._leave(how)
            return
        from kratom_quiz.tui.screens.leave import LeaveScreen, Leaving

        def chosen(choice: Leaving | None) -> None:
            if choice == "grade":
                self._save(pending.grade.suggested, then=lambda: self._leave(how))
            elif choice == "leave":
                self.tally.left_ungraded += 1
                self.pending = None
                self._leave(how)

        self.app.push_screen(LeaveScreen(pending.grade.suggested.label), chosen)

    def _leave(self, how: str) -> None:
        if how == "quit":
            self.app.exit(message=self.tally.saved_line())
        elif self.tally.done or self.tally.left_ungraded:
            self.finish()
        else:
            self.dismiss()

    def finish(self) -> None:
        """Show the session summary in place of this screen."""
        from kratom_quiz.tui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.tally))
