"""The Textual study app (a simple start screen until the study screens land)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

from kratom_quiz.config import Settings
from kratom_quiz.deckfile import load_decks

NOTICE = "Educational content about kratom. Not medical advice."


class KratomQuizApp(App[None]):
    """The study app."""

    TITLE = "kratom-quiz"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", id="app.quit")]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(NOTICE, id="notice", markup=False)
        result = load_decks([self.settings.decks])
        lines = [f"{d.title}: {len(d.cards)} cards" for d in result.decks] + result.errors
        yield Static("\n".join(lines) or "No decks found.", id="decks", markup=False)
        yield Footer()


def make_app(settings: Settings) -> KratomQuizApp:
    """The one factory for the app, shared by the CLI and the tests."""
    return KratomQuizApp(settings)


def run_app(settings: Settings) -> None:
    """Open the app in this terminal."""
    make_app(settings).run()
