"""Helpers for driving the app under Pilot without sleeping."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerState

from kratom_quiz.tui.app import KratomQuizApp


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker is done and every message it caused was handled (results start new work)."""
    app = pilot.app
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            await pilot.pause()
            if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
                return
    raise AssertionError("workers did not settle")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one at a time, letting the workers each key starts finish."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def text_of(app: KratomQuizApp, selector: str) -> str:
    """The plain text a Static shows."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.export_text()


async def create_learner(pilot: Pilot[Any], name: str = "Sam") -> None:
    """Go through the welcome screen."""
    await settle(pilot)
    await press(pilot, *name, "enter")
