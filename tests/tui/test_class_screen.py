"""The Class screen as a teacher uses it: the planted bad item flagged in red, every learner's row, plain
lines for an empty class, a failed load and a learner's own login."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.services import analysis, classview
from kratom_quiz.services.classview import Access
from kratom_quiz.tui.app import KratomQuizApp, make_app
from kratom_quiz.tui.screens.classroom import ClassDetailScreen, ClassScreen
from kratom_quiz.tui.screens.help import HelpScreen
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.welcome import LearnerSwitcher
from tests.services.conftest import NOW
from tests.services.test_item_report import _class_answers
from tests.tui.conftest import DECK
from tests.tui.helpers import press, settle, text_of


def class_settings(tmp_path: Path, *, answers: bool = True) -> Settings:
    """A SQLite file of 12 learners and the planted bad item (``report items``' fixture), plus a learner
    who has not answered anything. The deck folder is read first, so the app finds it unchanged and leaves
    the store's decks (the fixture's, synced after it) as they are."""
    folder = tmp_path / "decks"
    folder.mkdir(parents=True)
    (folder / "test.yaml").write_text(DECK, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'class.db'}"
    with services.open_database(url, fuzz=False) as db:
        services.refresh_decks(db, folder)
        if answers:
            _class_answers(db)
        else:
            from tests.services.conftest import card, deck

            services.sync_decks(db, [deck(card("a"), card("b"))])
            services.add_learner(db, "Ada")
        services.add_learner(db, "Silent")
    return Settings(db=url, decks=folder)


def new_app(settings: Settings) -> KratomQuizApp:
    return make_app(settings, clock=fixed_clock(NOW), fuzz=False)


async def open_class(pilot: Pilot[Any]) -> ClassScreen:
    """Choose the first learner in the switcher, then press c on the home screen."""
    await settle(pilot)
    await press(pilot, "enter", "c")
    screen = pilot.app.screen
    assert isinstance(screen, ClassScreen), screen
    return screen


def rows(table: DataTable[Any]) -> dict[str, list[Any]]:
    return {str(key.value): table.get_row(key) for key in table.rows}


async def test_the_planted_bad_item_is_flagged_in_red_and_its_flags_named(tmp_path: Path) -> None:
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_class(pilot)
        assert "flagged" in text_of(app, "#class-status")
        table = screen.query_one("#class-items-table", DataTable)
        listed = rows(table)
        order = list(listed)
        flagged = [key for key in order if str(listed[key][4])]
        assert "pharm:bad:0" in flagged
        assert order[: len(flagged)] == flagged  # flagged first
        question, _answers, right, discr, flags = listed["pharm:bad:0"]
        assert (str(right), str(discr)[0]) == ("50%", "-")
        assert str(flags).startswith("negative discrimination") and str(flags).endswith("+2")
        assert isinstance(flags, Text) and "red" in str(flags.style)
        assert isinstance(question, Text) and "red" in str(question.style)
        table.move_cursor(row=order.index("pharm:bad:0"))
        await settle(pilot)
        detail = text_of(app, "#class-items-detail")
        assert "strong learners pick distractor 'Truly right' more than the key" in detail
        assert "distractor never picked: 'Nobody'" in detail
        assert "✓ Keyed" in detail and "12 first answers" in detail
        good = next(key for key in order if key not in flagged)
        assert str(listed[good][0]).startswith("  ")  # no flag mark, no red
        assert not str(listed[good][4])


async def test_sort_and_deck_keys_reorder_and_filter_the_items(tmp_path: Path) -> None:
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_class(pilot)
        table = screen.query_one("#class-items-table", DataTable)
        await press(pilot, "o")  # hardest first
        assert "hardest first" in text_of(app, "#class-status")
        shares = [float(str(r[2]).rstrip("%")) for r in rows(table).values() if str(r[2]) != "—"]
        assert shares == sorted(shares)
        await press(pilot, "d")
        assert "Pharmacology" in text_of(app, "#class-status")
        await press(pilot, "d")
        assert "All decks" in text_of(app, "#class-status")


async def test_the_learners_tab_has_every_learner_and_one_without_answers(tmp_path: Path) -> None:
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_class(pilot)
        await press(pilot, "n")
        assert "13 learners, 12 with answers" in text_of(app, "#class-status")
        table = screen.query_one("#class-learners-table", DataTable)
        by_name = {str(r[0]): [str(c) for c in r] for r in rows(table).values()}
        assert set(by_name) == {f"learner{i}" for i in range(12)} | {"Silent"}
        assert by_name["learner0"][1:3] == ["9", "9"]  # nine items studied, nine answers
        assert by_name["Silent"] == ["Silent", "0", "0", "—", "0", "0", "—"]
        table.move_cursor(row=list(by_name).index("Silent"))
        await settle(pilot)
        assert "No answers yet." in text_of(app, "#class-learners-detail")
        table.move_cursor(row=list(by_name).index("learner0"))
        await settle(pilot)
        assert "Mastery by topic" in text_of(app, "#class-learners-detail")


async def test_without_first_answers_it_says_so_instead_of_an_empty_table(tmp_path: Path) -> None:
    app = new_app(class_settings(tmp_path, answers=False))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_class(pilot)
        note = text_of(app, "#class-items-note")
        assert "No first answers yet: the report fills in as learners study." in note
        assert not screen.query_one("#class-items-table", DataTable).display


async def test_a_failed_load_is_one_line_on_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(db: object, deck_id: str | None = None) -> list[object]:
        raise sa.exc.OperationalError(
            "SELECT review_log.learner_id ...", {}, Exception("server closed the connection\nunexpectedly")
        )

    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        monkeypatch.setattr(analysis, "item_report", lost)
        screen = await open_class(pilot)
        status = text_of(app, "#class-status").strip()
        assert status.startswith("Could not load the item report:") and "\n" not in status
        assert "SELECT" not in status and "Traceback" not in status
        assert not screen.query_one("#class-items-table", DataTable).display
        assert app.is_running and isinstance(app.screen, ClassScreen)
        await press(pilot, "n")  # the other report loaded: the learners are there
        assert screen.query_one("#class-learners-table", DataTable).row_count == 13


async def test_a_learners_login_gets_no_class_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classview, "access", lambda db: Access.LEARNER)
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        assert isinstance(app.screen, HomeScreen)  # c does nothing
        await press(pilot, "ctrl+p", *"class", "enter")
        assert not isinstance(app.screen, ClassScreen)
        await press(pilot, "escape")
        app.push_screen(ClassScreen())  # reached anyway: one line says whose screen it is
        await settle(pilot)
        assert "is for the class's teacher" in text_of(app, "#class-status")


async def test_a_teachers_login_is_pointed_at_the_class_from_the_switcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(classview, "access", lambda db: Access.TEACHER)
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LearnerSwitcher)
        assert "class's teacher: c opens the Class report" in text_of(app, "#switcher-class")
        await press(pilot, "c")
        assert isinstance(app.screen, ClassScreen)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app, "#help-keys")
        assert "class.sort" in keys and "class.refresh" in keys and "class.learners" in keys


async def test_on_a_short_terminal_the_table_keeps_the_rows_and_enter_shows_the_flags(tmp_path: Path) -> None:
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_class(pilot)
        pane = screen.query_one("#class-items-detail", Static).parent
        assert pane is not None and not pane.display  # hidden below 18 rows
        table = screen.query_one("#class-items-table", DataTable)
        assert table.display and table.size.height >= 4
        table.move_cursor(row=list(rows(table)).index("pharm:bad:0"))
        await press(pilot, "enter")
        assert isinstance(app.screen, ClassDetailScreen)
        assert "distractor never picked: 'Nobody'" in text_of(app, "#class-detail-text")
        await press(pilot, "escape")
        assert app.screen_stack[-1] is screen
    async with new_app(class_settings(tmp_path / "tall")).run_test(size=(100, 30)) as pilot:
        screen = await open_class(pilot)
        pane = screen.query_one("#class-items-detail", Static).parent
        assert pane is not None and pane.display


async def test_when_the_role_cannot_be_read_the_screen_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(db: object) -> Access:
        raise sa.exc.ProgrammingError("SELECT g.rolname ...", {}, Exception("permission denied for pg_roles"))

    monkeypatch.setattr(classview, "access", refused)
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "c")
        assert isinstance(app.screen, HomeScreen)  # not offered: the role is unknown
        app.action_class_report()
        await settle(pilot)
        status = text_of(app, "#class-status").strip()
        assert status.startswith("Could not load your class role:") and "\n" not in status
        assert app.is_running


async def test_the_class_keys_are_remapped_by_their_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "keymap.toml").write_text('"home.class" = "k"\n"class.sort" = "s"\n', encoding="utf-8")
    monkeypatch.setenv("KRATOM_QUIZ_CONFIG_DIR", str(config))
    app = new_app(class_settings(tmp_path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "k")
        assert isinstance(app.screen, ClassScreen)
        await press(pilot, "s")
        assert "hardest first" in text_of(app, "#class-status")
        assert not any("no key has the id" in n.message for n in app._notifications)
