"""Snapshots a user would notice, at 80x24: palette, help, settings, browse, practice setup, export, errors,
two themes. Fixed clock, fuzz off, a fixed time zone and home folder (both are shown on these screens)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from tests.tui.conftest import NOW
from tests.tui.helpers import create_learner, press, settle

SIZE = (80, 24)
Snap = Callable[..., bool]
Before = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture(autouse=True)
def _fixed_surroundings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")  # the settings screen shows the local zone
    monkeypatch.setenv("HOME", "/home/learner")  # the export dialog proposes a file there
    monkeypatch.setenv("KRATOM_QUIZ_CONFIG_DIR", "/home/learner/.config/kratom-quiz")  # help names the keymap
    monkeypatch.chdir(tmp_path)  # error messages name files: relative names read the same on every run


def _after_home(*keys: str, theme: str | None = None) -> Before:
    async def run_before(pilot: Pilot[Any]) -> None:
        await create_learner(pilot)
        if theme is not None:
            pilot.app.theme = theme
        await press(pilot, *keys)
        await settle(pilot)

    return run_before


def _snap(snap_compare: Snap, settings: Settings, run_before: Before) -> bool:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    return snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_command_palette(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home("ctrl+p", "s", "t", "u"))


def test_help(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home("question_mark"))


def test_settings(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home("comma"))


def test_browse(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home("b"))


def test_practice_setup(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home("p"))


def test_export_dialog(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home("e"))


def test_theme_nord(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home(theme="nord"))


def test_theme_light(snap_compare: Snap, settings: Settings) -> None:
    assert _snap(snap_compare, settings, _after_home(theme="textual-light"))


def test_damaged_database(snap_compare: Snap, settings: Settings, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(40))  # cut short inside its header
    bad = Settings(db="sqlite:///damaged.db", decks=Path("decks"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert _snap(snap_compare, bad, run_before)


def test_deck_file_error(snap_compare: Snap, settings: Settings) -> None:
    (settings.decks / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    relative = Settings(db="sqlite:///study.db", decks=Path("decks"))
    assert _snap(snap_compare, relative, _after_home())


def test_class_items(snap_compare: Snap, tmp_path: Path) -> None:
    """The Class screen at 80x24: the planted bad item first, in red, its flags named under the table."""
    from datetime import timedelta

    from tests.services.conftest import NOW as ANSWERED
    from tests.tui.test_class_screen import class_settings

    class_db = tmp_path / "class"
    class_db.mkdir()
    found = class_settings(class_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "enter", "c")
        await settle(pilot)

    app = make_app(found, clock=fixed_clock(ANSWERED + timedelta(days=1)), fuzz=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
