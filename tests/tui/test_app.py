"""Learners, practice, errors, keymap, small terminals and literal deck text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.domain.study import CardState, Mode
from kratom_quiz.tui.app import KratomQuizApp, make_app
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.practice import PracticeSetupScreen
from kratom_quiz.tui.screens.study import StudyScreen
from kratom_quiz.tui.screens.summary import SummaryScreen
from kratom_quiz.tui.screens.welcome import LearnerSwitcher, WelcomeScreen
from kratom_quiz.tui.text import clean
from tests.tui.conftest import NOW
from tests.tui.helpers import answer_current, create_learner, press, settle, skip_to, start_study, text_of


def new_app(settings: Settings) -> KratomQuizApp:
    return make_app(settings, clock=fixed_clock(NOW), fuzz=False)


async def test_first_run_creates_a_learner_and_shows_the_notice(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "not medical advice" in text_of(app, "#welcome-notice").lower()
        await press(pilot, "enter")  # an empty name is refused
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, *"Ana", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert app.learner is not None and app.learner.name == "Ana"
        assert "6 new left" in text_of(app, "#totals")
        assert app.db is not None
        assert [learner.name for learner in services.list_learners(app.db)] == ["Ana"]


async def test_switching_learner_keeps_progress_apart(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot, "Ana")
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await press(pilot, *await answer_current(screen, pilot, right=True), "4", "escape", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert "1 reviewed" in text_of(app, "#totals")

        await press(pilot, "l")
        assert isinstance(app.screen, LearnerSwitcher)
        app.screen.query_one("#new-learner", Input).focus()
        await press(pilot, *"Ben", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert app.learner is not None and app.learner.name == "Ben"
        assert "0 reviewed" in text_of(app, "#totals")

        await press(pilot, "l")
        options = app.screen.query_one("#learners", OptionList)
        assert options.option_count == 2
        assert "Ben  (current)" in str(options.get_option_at_index(1).prompt)
        await press(pilot, "enter")  # the first learner, Ana, is highlighted
        assert app.learner is not None and app.learner.name == "Ana"
        assert "1 reviewed" in text_of(app, "#totals")


async def test_practice_scores_by_topic_and_leaves_the_schedule_alone(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "p")
        assert isinstance(app.screen, PracticeSetupScreen)
        count = app.screen.query_one("#practice-count", Input)
        count.value = "4"
        await press(pilot, "ctrl+s")
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.mode is Mode.PRACTICE
        answered = right = 0
        while isinstance(app.screen, StudyScreen):
            assert not screen.query_one("#grades").display  # no intervals: nothing is scheduled
            assert screen.item is not None
            want = answered % 2 == 0 or screen.item.card.kind.value == "basic"  # basic: self-graded Good
            await press(pilot, *await answer_current(screen, pilot, right=want), "enter")
            answered += 1
            right += want
        assert answered == 4
        assert isinstance(app.screen, SummaryScreen)
        assert "Questions: 4" in text_of(app, "#summary-totals")
        assert f"Right: {right} ({right / 4:.0%})" in text_of(app, "#summary-totals")
        assert "Topic" in text_of(app, "#summary-topics")

        assert app.db is not None and app.learner is not None
        rows = services.browse(app.db, app.learner.id, NOW)
        assert all(row.state is CardState.NEW and row.reps == 0 for row in rows)
        logged = [e for row in rows for e in services.card_history(app.db, app.learner.id, row.key)]
        assert len(logged) == 4 and {e.mode for e in logged} == {Mode.PRACTICE}


async def test_a_failed_save_is_shown_and_retried_without_loss(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = new_app(settings)
    real = services.record_review
    calls: list[str] = []

    def flaky(*args: object, **kwargs: object) -> object:
        calls.append("call")
        if len(calls) == 1:
            raise OSError("disk I/O error")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await start_study(pilot)
        first = screen.item
        await press(pilot, *await answer_current(screen, pilot, right=True))
        monkeypatch.setattr(services, "record_review", flaky)
        await press(pilot, "enter")
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any("saving your answer" in m and "disk I/O error" in m for m in messages)
        assert screen.phase == "feedback" and screen.item == first  # the answer is still there
        await press(pilot, "enter")  # retry
        assert screen.item != first
        assert app.db is not None and app.learner is not None and first is not None
        history = services.card_history(app.db, app.learner.id, first.key)
        assert len(history) == 1


async def test_keymap_file_remaps_a_binding(settings: Settings, _isolated_data_dir: Path) -> None:
    (_isolated_data_dir / "keymap.toml").write_text('"study.undo" = "z"\n', encoding="utf-8")
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        first = screen.item
        await press(pilot, *await answer_current(screen, pilot, right=True), "3")
        assert screen.item != first
        await press(pilot, "u")  # no longer bound
        assert screen.item != first
        await press(pilot, "z")
        assert screen.item == first


async def test_remapped_keys_are_shown_with_their_new_key(
    settings: Settings, _isolated_data_dir: Path
) -> None:
    (_isolated_data_dir / "keymap.toml").write_text('"study.suspend" = "x"\n"app.help" = "h"\n', "utf-8")
    app = new_app(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, StudyScreen)
        shown = {
            active.binding.id: app.get_key_display(active.binding)
            for active in app.screen.active_bindings.values()
        }
        assert shown["study.suspend"] == "x"
        assert shown["app.help"] == "h"


async def test_small_terminal_and_resizes_do_not_crash(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(40, 12)) as pilot:
        await create_learner(pilot)
        for key in ("s", "1", "enter", "space"):
            await press(pilot, key)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.resize_terminal(30, 8)
        await settle(pilot)
        for key in ("escape", "enter", "b", "escape", "t", "escape", "comma", "escape", "question_mark"):
            await press(pilot, key)
        assert app.is_running


async def test_deck_text_is_shown_literally(settings: Settings) -> None:
    app = new_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_study(pilot)
        await skip_to(screen, pilot, "cloze", "4")
        assert "a tree [...] of Southeast Asia" in text_of(app, "#prompt")
        await press(pilot, *await answer_current(screen, pilot, right=True))
        assert "A test document [link=https://example.com]x[/link]" in text_of(app, "#feedback")


def test_control_characters_never_reach_the_terminal() -> None:
    assert clean("red\x1b[31mtext\x07\x9b2J\tend") == "red[31mtext2J end"
