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
        status = text_of(app, "#export-status").replace("\n", "")
        assert status == f"no such folder: {missing.parent}"
        assert not missing.parent.exists()
        # A wrong extension is caught before anything is written.
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "decks.zip")
        await press(pilot, "enter")
        assert "must end in .apkg" in text_of(app, "#export-status")
        assert list(tmp_path.glob("decks.*")) == []


async def test_export_never_replaces_the_database_a_deck_or_a_stranger(
    settings: Settings, tmp_path: Path, decks_dir: Path
) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    db_file = Path(settings.db.removeprefix("sqlite:///"))
    deck_file = next(decks_dir.glob("*.yaml"))
    stranger = tmp_path / "thesis.apkg"
    stranger.write_bytes(b"my thesis")
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        before = db_file.read_bytes()
        await press(pilot, "e")
        for target, said in [
            (db_file, "is the database in use"),
            (deck_file, "is a deck file"),
            (stranger, "is not a kratom-quiz export; choose another file name"),
            (tmp_path, "is a folder"),
        ]:
            app.screen.query_one("#export-path", Input).value = str(target)
            await press(pilot, "enter")
            await settle(pilot)
            assert said in " ".join(text_of(app, "#export-status").split()), target
        assert isinstance(app.screen, ExportScreen)
        assert stranger.read_bytes() == b"my thesis"
        assert db_file.read_bytes()[:100] == before[:100]
