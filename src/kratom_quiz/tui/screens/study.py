"""The study screen: one card at a time, its own input per kind, feedback, then the grade bar."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, Input, ProgressBar, Static

from kratom_quiz.domain.grading import Answer, TermIndex, grade
from kratom_quiz.domain.model import CardKind, StudyItem
from kratom_quiz.domain.study import DueCard, Mode, Rating, ReviewResult
from kratom_quiz.tui.screens.study_base import StudySession
from kratom_quiz.tui.screens.study_flow import (
    KIND_HINTS,
    Loaded,
    Pending,
    load_next_task,
    practice_task,
    record_task,
)
from kratom_quiz.tui.screens.study_keys import (
    FEEDBACK,
    LOADING,
    QUESTION,
    SAVING,
    STUDY_BINDINGS,
    StudyState,
    allowed,
)
from kratom_quiz.tui.session import Answered
from kratom_quiz.tui.text import clean, literal
from kratom_quiz.tui.widgets.choices import ChoiceList
from kratom_quiz.tui.widgets.feedback import feedback_view
from kratom_quiz.tui.widgets.footer import Footer
from kratom_quiz.tui.widgets.gradebar import GradeBar

if TYPE_CHECKING:
    from kratom_quiz.services import Database


ECHO_CHARS = 300  # a typed answer longer than this is shown cut, so the explanation stays in view


def echo(answer: str) -> str:
    """The learner's answer as the feedback repeats it: on one line, cut at ``ECHO_CHARS`` with a count."""
    flat = " ".join(clean(answer).split())
    if len(flat) <= ECHO_CHARS:
        return flat
    return f"{flat[:ECHO_CHARS].rstrip()}… ({len(flat):,} characters in all)"


class StudyScreen(StudySession):
    """A spaced study session (mode study) or a practice quiz (mode practice)."""

    BINDINGS: ClassVar[list[BindingType]] = list(STUDY_BINDINGS)

    # No automatic focus: Textual would give it to the first focusable widget when a screen over this one
    # closes (help, the palette), even the hidden answer box of a choice card. _focus_answer decides.
    AUTO_FOCUS = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="progress-row"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
            yield Static("", id="progress-label")
        yield Static("", id="leech")
        with VerticalScroll(id="card", can_focus=False):
            yield Static("", id="meta")
            yield Static("Loading…", id="prompt")
            yield Static("", id="hint")
            yield ChoiceList((), multi=False, correct=frozenset(), id="choices")
            yield Input(id="typed", placeholder="Your answer")
            yield Static("", id="feedback")
        yield GradeBar(id="grades")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Practice quiz" if self.mode is Mode.PRACTICE else "Study"
        for selector in ("#choices", "#typed", "#feedback", "#leech", "#grades"):
            self.query_one(selector).display = False
        if self.mode is Mode.PRACTICE and self.practice is not None:
            count, decks, topics = self.practice
            learner = self._learner_id()
            self.quiz_app.store.run(
                "picking practice questions",
                practice_task(learner, count, decks, topics),
                self._practice_loaded,
                owner=self,
            )
        else:
            self.load_next()

    # -- loading cards ----------------------------------------------------------------------------------

    def load_next(self) -> None:
        """Fetch the next due card and how many are left (study), or take the next practice question."""
        self.phase = LOADING
        if self.mode is Mode.PRACTICE:
            self._show_item(
                self.queue.pop(0) if self.queue else None, None, len(self.queue) + 1
            )  # with this one
            return
        task = load_next_task(self._learner_id(), self.quiz_app.clock(), self.deck_id)
        self.quiz_app.store.run("loading the next card", task, self._loaded, owner=self)

    def _practice_loaded(self, items: list[StudyItem]) -> None:
        self.queue = list(items)
        if not items:
            self.notify("No questions match that choice.", severity="warning")
        self.load_next()

    def _loaded(self, loaded: Loaded) -> None:
        self._show_item(loaded.due.item if loaded.due else None, loaded.due, loaded.left)

    def _show_item(self, item: StudyItem | None, due: DueCard | None, left: int) -> None:
        self.item, self.due, self.left, self.pending = item, due, left, None
        if item is None:
            self.finish()
            return
        self._update_progress()
        card = item.card
        now = self.quiz_app.clock()
        self.shown_at = now
        deck = self.quiz_app.decks.get(card.deck_id)
        title = deck.title if deck else self.quiz_app.deck_titles.get(card.deck_id, card.deck_id)
        meta = Text(clean(title), style="bold")
        # No evidence badge here: it can point to the answer, so it is shown in the feedback only.
        meta.append(f" · {clean(card.topic)} · {card.kind.value}", style="dim")
        self.query_one("#meta", Static).update(meta)
        self.query_one("#prompt", Static).update(literal(item.question))
        self.query_one("#hint", Static).update(Text(KIND_HINTS[card.kind], style="dim italic"))
        leech = self.query_one("#leech", Static)
        leech.display = bool(due and due.leech)
        if due and due.leech:
            leech.update(
                Text(
                    f"Leech: forgotten {due.lapses} times. Re-read the source, or press ! to suspend it.",
                    style="bold",
                )
            )
        choices = self.query_one("#choices", ChoiceList)
        typed = self.query_one("#typed", Input)
        is_choice = card.kind in (CardKind.MCQ, CardKind.MULTI)
        choices.display = is_choice
        if is_choice:
            order = list(card.choices)
            random.Random(f"{item.key}|{due.reps if due else 0}|{now.isoformat()}").shuffle(order)
            choices.choices = tuple(order)
            choices.multi = card.kind is CardKind.MULTI
            choices.correct = frozenset(item.expected)
            choices.cursor, choices.ticked, choices.revealed = 0, frozenset(), False
            choices.refresh(layout=True)
        typed.display = card.kind in (CardKind.TYPED, CardKind.CLOZE)
        if typed.display:
            self._read_terms(card.deck_id)
        typed.disabled = not typed.display  # a disabled box takes neither the focus nor option digits
        typed.value = ""
        self.query_one("#feedback").display = False
        self.query_one("#grades").display = False
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        self.phase = QUESTION
        self._focus_answer()

    def _focus_answer(self) -> None:
        """Give the focus to the card's own input: the answer box, the options, or the screen itself."""
        kind = self.item.card.kind if self.item is not None else None
        if self.phase == QUESTION and kind in (CardKind.TYPED, CardKind.CLOZE):
            typed = self.query_one("#typed", Input)
            typed.focus(scroll_visible=False)
            self._into_view(typed)
        elif self.phase == QUESTION and kind in (CardKind.MCQ, CardKind.MULTI):
            self._choices().focus(scroll_visible=False)
            self._into_view(self._choices())
        else:
            self.set_focus(None)

    def on_screen_resume(self) -> None:
        """Back from help, the palette or a dialog: the answer input has the focus again."""
        self._focus_answer()

    def on_resize(self) -> None:
        self._focus_answer()
        if self.phase == FEEDBACK:  # a smaller window keeps the feedback, not the question, in view
            self._into_view(self.query_one("#feedback"), top=True)

    def _into_view(self, widget: Widget, *, top: bool = False) -> None:
        """On a short terminal, scroll the card so ``widget`` (answer box, options, feedback) is in view.

        Twice deferred: the first refresh lays out what was just shown or hidden (the grade bar takes
        rows from the card), the scroll must measure after it.
        """
        card = self.query_one("#card", VerticalScroll)

        def scroll() -> None:
            card.scroll_to_widget(widget, animate=False, top=top)

        self.call_after_refresh(self.call_after_refresh, scroll)

    def _update_progress(self) -> None:
        done = self.tally.done
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(1, done + self.left), progress=done)
        self.query_one("#progress-label", Static).update(f" {done} done · {self.left} left")

    # -- answering -------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return allowed(
            action,
            parameters,
            StudyState(
                self.phase,
                self.item.card.kind if self.item else None,
                self.mode,
                self._choice_count(),
                self.due is not None,
                self.tally.done,
            ),
        )

    def _terms(self, deck_id: str) -> TermIndex | tuple[str, ...]:
        """The deck's terms and short forms, keyed once: a near-miss typed answer is not taken for another
        term of the deck, and the deck's abbreviations count as theirs (until read: the glossary alone)."""
        return self.quiz_app.terms.get(deck_id, ())

    def _read_terms(self, deck_id: str) -> None:
        """Read a deck's terms from the store once, while the learner reads the question."""
        from kratom_quiz import services

        app = self.quiz_app
        if deck_id in app.terms:
            return
        app.terms[deck_id] = ()  # asked for: not again while the read runs

        def task(db: Database) -> TermIndex:
            return services.deck_index(db, deck_id)

        app.store.run("reading the deck's terms", task, lambda terms: app.terms.__setitem__(deck_id, terms))

    def _choices(self) -> ChoiceList:
        return self.query_one("#choices", ChoiceList)

    def _choice_count(self) -> int:
        """How many options the card shows; 0 while the screen is still mounting its widgets, when the footer
        may already ask which keys apply (a study screen opened with ``s`` pressed as the counts appear)."""
        found = self.query("#choices").results(ChoiceList)
        return next((len(c.choices) for c in found), 0)

    def action_choose(self, number: int) -> None:
        """Pick option ``number``: answers an mcq, ticks a multi option."""
        choices = self._choices()
        if choices.multi:
            choices.toggle(number - 1)
        else:
            choices.cursor = number - 1
            choices.ticked = frozenset({number - 1})
            self._answer(
                choices.choices[number - 1], choices.choices[number - 1], [choices.choices[number - 1]]
            )

    def action_cursor(self, delta: int) -> None:
        """Move the option cursor."""
        self._choices().move(delta)

    def action_tick(self) -> None:
        """Tick or untick the option under the cursor."""
        choices = self._choices()
        choices.toggle(choices.cursor)

    def action_submit(self) -> None:
        """Answer with the option under the cursor (mcq) or the ticked options (multi)."""
        choices = self._choices()
        if choices.multi:
            picked = choices.chosen()
            if not picked:
                self.notify("Tick at least one option first.", severity="warning")
                return
            self._answer(frozenset(picked), "; ".join(picked), picked)
        else:
            self.action_choose(choices.cursor + 1)

    def action_truefalse(self, value: bool) -> None:
        """Answer a true/false card."""
        self._answer(value, "True" if value else "False", [])

    def action_reveal(self) -> None:
        """Show the back of a basic card."""
        self._answer(None, "", [])

    @on(Input.Submitted, "#typed")
    def typed_answer(self, event: Input.Submitted) -> None:
        """Answer a typed or cloze card with what was typed."""
        kind = self.item.card.kind if self.item is not None else None
        if self.phase != QUESTION or kind not in (CardKind.TYPED, CardKind.CLOZE):
            return  # only a typed or cloze card takes typed text; options are answered by their identity
        if not event.value.strip():
            self.notify("Type an answer first (or your best guess).", severity="warning")
            return
        self._answer(event.value, event.value, [])

    def _answer(self, value: Answer, shown: str, chosen: list[str]) -> None:
        """Grade the answer and show the feedback and grade bar."""
        item = self.item
        assert item is not None and self.shown_at is not None
        elapsed = self.quiz_app.clock() - self.shown_at
        duration_ms = max(0, int(elapsed.total_seconds() * 1000))
        known = self.due is not None and self.due.reps > 0
        verdict = grade(
            item, value, elapsed_ms=duration_ms, known=known, terms=self._terms(item.card.deck_id)
        )
        self.pending = Pending(item, verdict, clean(shown), duration_ms, uuid.uuid4().hex)
        choices = self._choices()
        if choices.display:
            choices.revealed = True
            if choices.multi:
                missed = [c for c in choices.choices if c in choices.correct and c not in chosen]
                chosen = chosen + missed
        typed = self.query_one("#typed", Input)
        typed.disabled = True
        self.set_focus(None)
        self.query_one("#hint", Static).update("")
        header = self.quiz_app.decks.get(item.card.deck_id)
        deck = header.as_deck() if header else None
        basic = item.card.kind is CardKind.BASIC
        panel = self.query_one("#feedback", Static)
        panel.update(feedback_view(item, None if basic else verdict, echo(shown), chosen, deck))
        panel.display = True
        # On a short terminal, bring the feedback into view (the question scrolls up; PgUp shows it again).
        self._into_view(panel, top=True)
        bar = self.query_one("#grades", GradeBar)
        if self.due is not None:
            bar.show(self.due, verdict.suggested)
            bar.display = True
        self.phase = FEEDBACK

    # -- grading and saving ----------------------------------------------------------------------------

    def action_accept(self) -> None:
        """Accept the suggested rating (or, in practice, go on)."""
        if self.pending is not None:
            self._save(self.pending.grade.suggested)

    def action_grade(self, value: int) -> None:
        """Rate the answer 1-4, overriding the suggestion."""
        self._save(Rating(value))

    def _save(self, rating: Rating, then: Callable[[], None] | None = None) -> None:
        """Save the pending answer with ``rating``, then show the next card (or run ``then``)."""
        pending = self.pending
        assert pending is not None
        learner, now, mode = self._learner_id(), self.quiz_app.clock(), self.mode
        # The grade given decides, as in Anki: overriding a wrong answer to Good stores it as right.
        correct = rating is not Rating.AGAIN

        def saved(result: ReviewResult) -> None:
            item, took = pending.item, pending.duration_ms
            self.tally.add(Answered(item.key, item.card.topic, correct, took, result.review_id))
            if mode is Mode.STUDY and (self.tally.next_due is None or result.due < self.tally.next_due):
                self.tally.next_due = result.due
            if result.became_leech:
                self.notify("This card became a leech: it keeps slipping. Consider suspending it (!).")
            (then or self.load_next)()

        def failed(_: BaseException) -> None:
            self.phase = FEEDBACK

        self.phase = SAVING
        task = record_task(learner, pending, rating, correct, now, mode)
        self.quiz_app.store.run("saving your answer", task, saved, write=True, failed=failed, owner=self)

    def action_scroll(self, pages: int) -> None:
        """Scroll a long card."""
        card = self.query_one("#card", VerticalScroll)
        (card.scroll_page_down if pages > 0 else card.scroll_page_up)()
