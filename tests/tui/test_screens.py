"""Settings, help, the command palette and browse, as a learner uses them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import KratomQuizApp, make_app
from kratom_quiz.tui.screens.browse import BrowseScreen, CardDetailScreen
from kratom_quiz.tui.screens.export import ExportScreen
from kratom_quiz.tui.screens.help import HelpScreen
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.settings import SettingsScreen
from kratom_quiz.tui.screens.study import StudyScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import create_learner, press, settle, text_of


def new_app(settings: Settings) -> KratomQuizApp:
    return make_app(settings, clock=fixed_clock(NOW), fuzz=False)


async def test_settings_are_saved_per_learner_and_the_theme_comes_back(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#new-per-day", Input).value = "2"
        screen.query_one("#retention", Input).value = "1.5"
        screen.query_one("#theme", Select).value = "nord"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)  # refused: retention out of range
        assert "0.70 to 0.99" in text_of(app, "#settings-error")
        screen.query_one("#retention", Input).value = "0.85"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        assert "2 new left" in text_of(app, "#totals")
        assert app.db is not None and app.learner is not None
        saved = services.get_settings(app.db, app.learner.id)
        assert (saved.new_per_day, saved.desired_retention, saved.theme) == (2, 0.85, "nord")

    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_help_lists_the_keys_that_work_now(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "s", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app, "#help-keys")
        assert "study.suspend" in keys and "Choose an option" in keys
        assert "study.grade.good" not in keys  # grading only after answering
        await press(pilot, "escape")
        assert isinstance(app.screen, StudyScreen)


async def test_palette_studies_a_deck(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "ctrl+p", *"study test", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck_id == "testdeck"


async def test_browse_filters_and_suspends(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "b")
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        table = screen.query_one("#browse-table", DataTable)
        assert table.row_count == 6
        await press(pilot, *"receptors")
        assert table.row_count == 1
        await press(pilot, "enter", "enter")  # to the table, open the card
        assert isinstance(app.screen, CardDetailScreen)
        assert "Not answered yet." in text_of(app, "#detail-history")
        await press(pilot, "!")
        assert isinstance(app.screen, BrowseScreen)
        assert "suspended" in str(table.get_row_at(0)[5])
        assert app.db is not None and app.learner is not None
        assert [r.key[1] for r in services.browse(app.db, app.learner.id, NOW, suspended_only=True)] == [
            "q-multi"
        ]


async def test_palette_exports_to_anki(settings: Settings, _isolated_data_dir: Path) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await create_learner(pilot)
        await press(pilot, "ctrl+p", *"export to anki", "enter")
        assert isinstance(app.screen, ExportScreen)
        target = _isolated_data_dir / "kratom-quiz.apkg"
        app.screen.query_one("#export-path", Input).value = str(target)
        await press(pilot, "enter")
        await settle(pilot)
        assert target.is_file() and target.stat().st_size > 0


async def test_a_user_error_is_shown_as_it_is(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await create_learner(pilot)
        await press(pilot, "ctrl+p", *"optimize sched", "enter")
        await settle(pilot)
        assert app.is_running
        notes = list(app._notifications)
        assert notes and notes[-1].severity == "warning"
        assert "Something went wrong" not in notes[-1].message
