"""A returning learner sees their decks before the full store has opened, and keys pressed early are kept."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from kratom_quiz import deckfile, services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.domain.study import LearnerSettings
from kratom_quiz.errors import UserError
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.study import StudyScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import answer_current, press, settle, text_of


def _returning_learner(tmp_path: Path, decks_dir: Path) -> Settings:
    settings = Settings(db=f"sqlite:///{tmp_path / 'back.db'}", decks=decks_dir)
    db = services.open_database(settings.db, fuzz=False)
    services.sync_decks(db, deckfile.load_decks([decks_dir]).decks)
    learner = services.add_learner(db, "Noor")
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=3, timezone="UTC", theme="nord"))
    db.close()
    return settings


async def test_home_counts_show_while_the_store_opens_and_an_early_key_waits_for_it(
    tmp_path: Path, decks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _returning_learner(tmp_path, decks_dir)
    opening, loading = threading.Event(), threading.Event()
    real_open, real_load = services.open_database, deckfile.load_decks

    def slow_open(*args: Any, **kwargs: Any) -> Any:
        assert opening.wait(10), "the test never let the store open"
        return real_open(*args, **kwargs)

    def slow_load(*args: Any, **kwargs: Any) -> Any:
        assert loading.wait(10), "the test never let the deck files load"
        return real_load(*args, **kwargs)

    monkeypatch.setattr(services, "open_database", slow_open)
    monkeypatch.setattr(deckfile, "load_decks", slow_load)
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await _until(pilot, lambda: bool(home.summaries))
        assert app.db is None  # still opening
        table = home.query_one("#decks", DataTable)
        assert [str(c) for c in table.get_row_at(0)][:2] == ["All decks", "3"]  # Noor's own limit
        assert "3 new left" in text_of(app, "#totals")
        assert (app.sub_title, app.theme) == ("Noor", "nord")

        await pilot.press("s")  # before the store is open: the first card comes once it is
        opening.set()
        await _until(pilot, lambda: isinstance(app.screen, StudyScreen) and app.screen.item is not None)
        # The deck files are still loading: the card and its deck's title come from the store.
        assert not app.startup.files_checked
        assert text_of(app, "#meta").startswith("Test deck · ")
        loading.set()
        await settle(pilot)
        assert app.startup.files_checked


async def _until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


async def test_a_store_that_fails_to_open_after_the_first_view_is_reported(
    tmp_path: Path, decks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _returning_learner(tmp_path, decks_dir)

    def failing_open(*args: Any, **kwargs: Any) -> Any:
        raise UserError("back.db is locked by another program")

    monkeypatch.setattr(services, "open_database", failing_open)
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.summaries  # the counts read before the failure stay on screen
        messages = [n.message for n in app._notifications]
        assert messages == ["back.db is locked by another program"]
        await pilot.press("s")  # nothing to study without the store: the key does nothing
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_unchanged_deck_files_are_not_read_and_a_card_comes_from_the_store(
    tmp_path: Path, decks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _returning_learner(tmp_path, decks_dir)
    db = services.open_database(settings.db, fuzz=False)
    assert services.refresh_decks(db, decks_dir).read  # what a previous start did
    db.close()

    def no_reading(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an unchanged deck file was read")

    monkeypatch.setattr(deckfile, "load_decks", no_reading)
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.startup.files_checked and not app._notifications
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item is not None
        assert text_of(app, "#meta").startswith("Test deck · ")
        await press(pilot, *await answer_current(screen, pilot, right=True))
        assert screen.phase == "feedback"  # the source line's title comes from the store too
        assert "Source: A test document" in text_of(app, "#feedback")
