"""The learner's time zone is kept in their settings and changed on the settings screen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Input

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.domain.study import LearnerSettings
from kratom_quiz.domain.studyday import local_zone, study_day, zone_name
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.settings import SettingsScreen, parse_settings
from tests.tui.conftest import NOW
from tests.tui.helpers import create_learner, press, text_of


async def test_time_zone_is_saved_and_an_unknown_one_refused(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        zone = screen.query_one("#timezone", Input)
        assert zone.value == "" and zone.placeholder == zone_name(local_zone())
        zone.value = "Mars/Olympus_Mons"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
        assert text_of(app, "#settings-error") == "Unknown time zone 'Mars/Olympus_Mons'."
        zone.value = "Pacific/Auckland"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        assert app.db is not None and app.learner is not None
        assert services.get_settings(app.db, app.learner.id).timezone == "Pacific/Auckland"
        await press(pilot, "comma")
        assert app.screen.query_one("#timezone", Input).value == "Pacific/Auckland"
        app.screen.query_one("#timezone", Input).value = "  "
        await press(pilot, "ctrl+s")
        assert services.get_settings(app.db, app.learner.id).timezone is None  # back to the computer's zone


def test_blank_zone_means_local_and_none_keeps_the_saved_one() -> None:
    base = LearnerSettings(timezone="Asia/Tokyo")
    kept, _ = parse_settings(base, "0.9", "20", "200", "4", "nord")
    assert kept is not None and kept.timezone == "Asia/Tokyo"
    cleared, _ = parse_settings(base, "0.9", "20", "200", "4", "nord", "")
    assert cleared is not None and cleared.timezone is None


def test_named_zones_follow_their_own_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    at = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    assert study_day(at, local_zone("Pacific/Auckland"), 4).isoformat() == "2026-03-03"  # 05:00 on the 3rd
    assert study_day(at, local_zone("America/Los_Angeles"), 4).isoformat() == "2026-03-02"  # 08:00
    assert study_day(at, local_zone("Pacific/Kiritimati"), 4).isoformat() == "2026-03-03"  # 06:00, UTC+14
    monkeypatch.delenv("TZ", raising=False)
    assert zone_name(local_zone())  # tzlocal names the computer's zone (e.g. "Etc/UTC")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert zone_name(local_zone()) == "Europe/Berlin"
