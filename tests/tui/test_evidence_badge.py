"""The evidence badge comes after the answer: beside the question it can point to the answer."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Input, Static

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.domain.study import Mode
from kratom_quiz.tui.app import KratomQuizApp, make_app
from kratom_quiz.tui.screens.study import StudyScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import answer_current, create_learner, press, start_study, text_of


def screen_text(app: KratomQuizApp) -> str:
    """Everything the screen's visible Static widgets show, as plain text."""
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    for widget in app.screen.query(Static):
        if widget.display and widget.is_on_screen:
            console.print(widget.render())
    return console.export_text()


async def _check_each_card(app: KratomQuizApp, pilot: object, screen: StudyScreen, cards: int) -> None:
    for _ in range(cards):
        assert screen.phase == "question" and screen.item is not None
        badge = f"{screen.item.card.evidence.label} evidence"
        assert badge not in screen_text(app), "the badge is shown before the answer"
        await press(pilot, *await answer_current(screen, pilot, right=False))  # type: ignore[arg-type]
        assert screen.phase == "feedback"
        assert badge in text_of(app, "#feedback")
        await press(pilot, "enter")  # type: ignore[arg-type]


async def test_study_shows_the_badge_in_the_feedback_only(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await _check_each_card(app, pilot, screen, cards=4)


async def test_practice_shows_the_badge_in_the_feedback_only(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "p")
        app.screen.query_one("#practice-count", Input).value = "3"
        await press(pilot, "ctrl+s")
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.mode is Mode.PRACTICE
        await _check_each_card(app, pilot, screen, cards=3)
