"""Helpers for driving the app under Pilot without sleeping."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

from kratom_quiz.tui.app import KratomQuizApp
from kratom_quiz.tui.screens.study import StudyScreen
from kratom_quiz.tui.widgets.choices import ChoiceList


def _idle(app: Any) -> bool:
    """No worker pending or running, and no store open waiting for a refresh (a loaded machine can take
    longer than a pause to paint the first counts, after which the store's worker starts)."""
    if getattr(getattr(app, "startup", None), "open_pending", False):
        return False
    return not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker is done and every message it caused was handled (results start new work)."""
    app = pilot.app
    for _ in range(20):
        # A worker that failed (or was cancelled) has ended too: the app shows its error, and the test looks.
        # Waiting on it re-raises its error, which failed a test only when it ended after the wait began.
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if _idle(app):
            await pilot.pause()
            if _idle(app):
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


def choice_number(screen: StudyScreen, text: str) -> str:
    """The key that picks the option with this text (options are shuffled)."""
    return str(screen.query_one(ChoiceList).choices.index(text) + 1)


async def answer_current(screen: StudyScreen, pilot: object, right: bool) -> list[str]:
    """The keys that answer the card on screen, rightly or wrongly."""
    item = screen.item
    assert item is not None
    kind = item.card.kind.value
    if kind == "mcq":
        wrong = next(c for c in item.card.choices if c not in item.card.answers)
        return [choice_number(screen, item.card.answers[0] if right else wrong)]
    if kind == "multi":
        picks = item.card.answers if right else [c for c in item.card.choices if c not in item.card.answers]
        return [choice_number(screen, c) for c in picks] + ["enter"]
    if kind == "truefalse":
        return ["t" if item.card.truth == right else "f"]
    if kind in ("typed", "cloze"):
        return [*(item.expected[0] if right else "zzz"), "enter"]
    return ["space"]


async def start_study(pilot: Pilot[Any]) -> StudyScreen:
    """Create a learner and start a study session over all decks."""
    await create_learner(pilot)
    await press(pilot, "s")
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    return screen


async def skip_to(screen: StudyScreen, pilot: Pilot[Any], kind: str, *grade: str) -> None:
    """Answer cards rightly (then press ``grade``) until one of ``kind`` is on screen."""
    while screen.item is not None and screen.item.card.kind.value != kind:
        await press(pilot, *await answer_current(screen, pilot, right=True), *grade)
