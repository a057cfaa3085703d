"""Export to Anki from the app: ask where, show progress, report errors, never leave a partial file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, ProgressBar

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.export import ExportScreen
from kratom_quiz.tui.screens.home import HomeScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import create_learner, press, settle, text_of


async def test_export_writes_the_chosen_file_with_progress(settings: Settings, tmp_path: Path) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    target = tmp_path / "for-my-phone.apkg"
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value.endswith("kratom-quiz.apkg")  # a sensible default to accept
        path_input.value = str(target)
        await press(pilot, "enter")
        await settle(pilot)
        assert target.is_file()
        bar = app.screen.query_one("#export-progress", ProgressBar)
        assert bar.total == 6 and bar.progress == 6  # the test deck's six cards
        assert f"Done: 6 notes (6 cards) written to {target}." in text_of(app, "#export-status")
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_export_error_is_shown_and_leaves_nothing(settings: Settings, tmp_path: Path) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    missing = tmp_path / "no-such-folder" / "decks.apkg"
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "e")
        app.screen.query_one("#export-path", Input).value = str(missing)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)  # still open, to correct the path
        status = text_of(app, "#export-status")
        assert status.startswith("Not exported: cannot write")
        assert str(missing) in status
        assert not missing.parent.exists()
        # A wrong extension is caught before anything is written.
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "decks.zip")
        await press(pilot, "enter")
        assert "must end in .apkg" in text_of(app, "#export-status")
        assert list(tmp_path.glob("decks.*")) == []
