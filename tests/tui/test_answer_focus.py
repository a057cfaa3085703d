"""An answer cannot be misread: after help, the palette, a notification or a resize, keys answer the card."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from tests.tui.conftest import NOW
from tests.tui.helpers import answer_current, press, settle, skip_to, start_study, text_of

KINDS = ["mcq", "multi", "truefalse", "typed", "cloze", "basic"]


async def interrupt(pilot: Pilot[Any], how: str, typing: bool) -> None:
    """Open and close something over the study screen, as a learner might mid-card."""
    app = pilot.app
    if how == "help":
        await press(pilot, "f1" if typing else "question_mark")  # in an answer box, ? is a character
        assert app.screen.__class__.__name__ == "HelpScreen"
        await press(pilot, "escape")
    elif how == "palette":
        await press(pilot, "ctrl+p")
        assert app.screen.__class__.__name__ == "CommandPalette"
        await press(pilot, "escape")
    elif how == "notification":
        app.notify("A deck file changed.")
        await settle(pilot)
    elif how == "resize":
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)


@pytest.mark.parametrize("how", ["help", "palette", "notification", "resize"])
@pytest.mark.parametrize("kind", KINDS)
async def test_right_answer_is_graded_right_after_an_interruption(
    settings: Settings, kind: str, how: str
) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await skip_to(screen, pilot, kind, "enter")
        assert screen.item is not None and screen.item.card.kind.value == kind
        await interrupt(pilot, how, typing=kind in ("typed", "cloze"))
        assert app.screen is screen
        typed = screen.query_one("#typed", Input)
        if kind in ("typed", "cloze"):
            assert app.focused is typed, "the card's own input has the focus back"
        else:
            assert app.focused is not typed
        await press(pilot, *await answer_current(screen, pilot, right=True))
        assert screen.phase == "feedback"
        assert screen.pending is not None
        item = screen.pending.item
        if kind in ("mcq", "multi"):  # what is stored is the options themselves, never the digits typed
            assert sorted(screen.pending.answer.split("; ")) == sorted(item.card.answers)
        if kind != "basic":
            assert screen.pending.grade.correct, text_of(app, "#feedback")
            assert "Right" in text_of(app, "#feedback")
