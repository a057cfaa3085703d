"""A deck title that looks like markup is shown as written in the practice list and the palette."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import SelectionList

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.practice import PracticeSetupScreen
from tests.tui.conftest import DECK, NOW
from tests.tui.helpers import create_learner, press, settle

TITLE = "Kratom [beta] deck [/]"


async def test_markup_like_title_is_literal(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "odd.yaml").write_text(DECK.replace("title: Test deck", f'title: "{TITLE}"'), "utf-8")
    app = make_app(Settings(db=f"sqlite:///{tmp_path / 'a.db'}", decks=folder), clock=fixed_clock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "p")
        assert isinstance(app.screen, PracticeSetupScreen)
        listed = app.screen.query_one("#practice-decks", SelectionList)
        assert str(listed.get_option_at_index(0).prompt) == TITLE
        await press(pilot, "escape", "ctrl+p", *"study kratom")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.is_running
        await press(pilot, "escape")
        assert app.is_running
