"""Leaving never loses: q or Esc with an ungraded answer shown asks once; the summary says what was saved."""

from __future__ import annotations

import sqlite3

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.leave import LeaveScreen
from kratom_quiz.tui.screens.study import StudyScreen
from kratom_quiz.tui.screens.summary import SummaryScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import answer_current, press, start_study, text_of


def reviews(settings: Settings) -> int:
    with sqlite3.connect(settings.db.removeprefix("sqlite:///")) as con:
        return int(con.execute("select count(*) from review_log").fetchone()[0])


async def test_escape_then_leave_ungraded_saves_nothing_and_says_so(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await press(pilot, *await answer_current(screen, pilot, right=True), "enter")  # one saved
        await press(pilot, *await answer_current(screen, pilot, right=True))  # shown, not graded
        assert screen.phase == "feedback"
        await press(pilot, "escape")
        assert isinstance(app.screen, LeaveScreen)
        await press(pilot, "escape")  # stay: nothing changed
        assert isinstance(app.screen, StudyScreen) and screen.phase == "feedback"
        await press(pilot, "escape", "l")
        assert isinstance(app.screen, SummaryScreen)
        assert "Saved 1 answer; 1 answer left ungraded (not saved, still due)." in text_of(
            app, "#summary-saved"
        )
    assert reviews(settings) == 1


async def test_q_then_grade_saves_the_answer_before_quitting(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await press(pilot, *await answer_current(screen, pilot, right=True))
        await press(pilot, "q")
        assert isinstance(app.screen, LeaveScreen), "q asks instead of quitting at once"
        await press(pilot, "enter")
    assert app.return_code == 0
    assert reviews(settings) == 1


async def test_escape_on_a_question_not_yet_answered_leaves_without_asking(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        if screen.item is not None and screen.item.card.kind.value in ("typed", "cloze"):
            await press(pilot, "f1", "escape")  # q would be typed into the answer box
        await press(pilot, "escape")
        assert not isinstance(app.screen, (LeaveScreen, StudyScreen))
    assert reviews(settings) == 0
