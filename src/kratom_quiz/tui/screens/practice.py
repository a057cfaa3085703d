"""Practice quiz set-up: which decks or topics and how many questions; the schedule is left alone."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, SelectionList, Static

from kratom_quiz.domain.study import Mode
from kratom_quiz.tui.host import host
from kratom_quiz.tui.text import one_line

DEFAULT_COUNT = 10
MAX_COUNT = 200


def parse_count(raw: str) -> int | None:
    """The number of questions typed, or None when it is not a number from 1 to MAX_COUNT."""
    text = raw.strip()
    if not text.isdigit():
        return None
    value = int(text)
    return value if 1 <= value <= MAX_COUNT else None


class PracticeSetupScreen(Screen[None]):
    """Choose what to practise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="practice.start"),
        Binding("escape", "back", "Back", id="practice.back"),
    ]

    def compose(self) -> ComposeResult:
        app = host(self)
        # Deck titles and topics are deck text: shown as Text, never parsed as markup.
        decks = [(Text(one_line(d.title, 40)), d.id, False) for d in app.decks.values()]
        topics = sorted({t for d in app.decks.values() for t in d.topics})
        yield Header()
        with Vertical(id="practice"):
            yield Static(
                Text("A practice quiz scores you by topic and does not change your schedule.", style="dim")
            )
            with Horizontal(id="practice-lists"):
                with Vertical():
                    yield Label("Decks (none ticked: all)")
                    yield SelectionList[str](*decks, id="practice-decks")
                with Vertical():
                    yield Label("Topics (none ticked: all)")
                    yield SelectionList[str](*[(Text(t), t, False) for t in topics], id="practice-topics")
            with Horizontal(id="practice-count-row"):
                yield Label("Questions: ")
                yield Input(str(DEFAULT_COUNT), id="practice-count", type="integer", max_length=3)
                yield Button("Start", id="practice-go", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Practice quiz"

    @on(Button.Pressed, "#practice-go")
    @on(Input.Submitted, "#practice-count")
    def action_start(self) -> None:
        """Start the quiz with the chosen decks, topics and count."""
        count = parse_count(self.query_one("#practice-count", Input).value)
        if count is None:
            self.notify(f"Choose a number of questions from 1 to {MAX_COUNT}.", severity="warning")
            return
        decks = tuple(self.query_one("#practice-decks", SelectionList).selected)
        topics = tuple(self.query_one("#practice-topics", SelectionList).selected)
        from kratom_quiz.tui.screens.study import StudyScreen

        self.app.switch_screen(StudyScreen(mode=Mode.PRACTICE, practice=(count, decks, topics)))

    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss()
