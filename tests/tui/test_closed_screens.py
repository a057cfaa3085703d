"""Leaving a screen while its database work is still running never crashes the app."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.stats import StatsScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import create_learner, press, settle


def _held(real: Callable[..., Any], release: threading.Event) -> Callable[..., Any]:
    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=10)
        return real(*args, **kwargs)

    return slow


async def test_escape_from_stats_before_they_arrive(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setattr(services, "stats", _held(services.stats, release))
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("escape")  # leave while the statistics are still being computed
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "t")  # and the screen still works afterwards
        assert isinstance(app.screen, StatsScreen)
