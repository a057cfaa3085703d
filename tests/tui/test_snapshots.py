"""Snapshots of the main screens at 100x30 with a fixed clock and fuzz off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.study import StudyScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import answer_current, create_learner, press, settle

SIZE = (100, 30)
Snap = Callable[..., bool]


async def _home(pilot: Pilot[Any]) -> None:
    await create_learner(pilot)


async def _question(pilot: Pilot[Any]) -> None:
    await create_learner(pilot)
    await press(pilot, "s")


async def _feedback(pilot: Pilot[Any]) -> None:
    await _question(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    item = screen.item
    assert item is not None and item.card.kind.value == "mcq"
    await press(pilot, *await answer_current(screen, pilot, right=False))


async def _summary(pilot: Pilot[Any]) -> None:
    await _question(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    for n in range(4):
        await press(pilot, *await answer_current(screen, pilot, right=n != 1), "enter")
    await press(pilot, "escape")
    await settle(pilot)


def test_home(snap_compare: Snap, settings: Settings) -> None:
    assert snap_compare(
        make_app(settings, clock=fixed_clock(NOW), fuzz=False), terminal_size=SIZE, run_before=_home
    )


def test_study_question(snap_compare: Snap, settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_question)


def test_study_feedback(snap_compare: Snap, settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_feedback)


def test_summary(snap_compare: Snap, settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_summary)


async def _stats(pilot: Pilot[Any]) -> None:
    await _summary(pilot)
    await press(pilot, "enter", "t")
    await settle(pilot)


def test_stats(snap_compare: Snap, settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_stats)
