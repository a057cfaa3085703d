"""Small things a learner notices: key names, plurals, counts, long answers, small screens, export dialog."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer, Input, ProgressBar

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.export import ExportScreen
from kratom_quiz.tui.screens.help import HelpScreen, key_name
from kratom_quiz.tui.screens.practice import PracticeSetupScreen
from kratom_quiz.tui.screens.study import StudyScreen, echo
from kratom_quiz.tui.screens.welcome import LearnerSwitcher
from kratom_quiz.tui.session import SessionTally
from kratom_quiz.tui.text import plural
from tests.tui.conftest import NOW
from tests.tui.helpers import create_learner, press, settle, skip_to, start_study, text_of


def test_keys_are_named_as_people_write_them() -> None:
    assert [key_name(k) for k in ("exclamation_mark", "question_mark", "comma", "ctrl+z", "enter")] == [
        "!", "?", ",", "ctrl+z", "enter",
    ]  # fmt: skip


def test_plurals() -> None:
    assert [plural(1, "card"), plural(2, "card"), plural(0, "day"), plural(1, "day")] == [
        "1 card", "2 cards", "0 days", "1 day",
    ]  # fmt: skip
    assert SessionTally().saved_line() == "Saved 0 answers."


def test_a_long_typed_answer_is_echoed_cut_with_its_length() -> None:
    shown = echo("mitragynine " * 250)
    assert len(shown) < 340 and shown.endswith("(2,999 characters in all)")
    assert echo("Mitragynine") == "Mitragynine"


async def test_help_during_study_names_keys_plainly_and_offers_no_learner_switch(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await skip_to(screen, pilot, "mcq", "enter")
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app, "#help-keys")
        assert "exclamation_mark" not in keys and "question_mark" not in keys
        assert "!" in keys and "?" in keys
        assert "Learner" not in keys  # l does nothing during a session


async def test_home_footer_shows_help_at_100_columns(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        keys = list(app.screen.query_one(Footer).query("FooterKey"))
        (help_key,) = [k for k in keys if "Help" in str(k.render())]
        others = [k for k in keys if k is not help_key]
        assert help_key.region.right <= 100
        assert not any(help_key.region.overlaps(k.region) for k in others), "nothing covers ? Help"


async def test_first_learner_picker_offers_no_dead_close(settings: Settings) -> None:
    db = services.open_database(settings.db, fuzz=False)
    services.add_learner(db, "Ana")
    services.add_learner(db, "Ben")
    db.close()
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LearnerSwitcher)
        ids = {a.binding.id for a in screen.active_bindings.values()}
        assert "learners.close" not in ids


async def test_practice_counts_the_question_on_screen(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "p")
        assert isinstance(app.screen, PracticeSetupScreen)
        app.screen.query_one("#practice-count", Input).value = "5"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StudyScreen)
        assert text_of(app, "#progress-label").strip() == "0 done · 5 left"


async def test_small_screen_scrolls_the_answer_box_and_the_feedback_into_view(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await start_study(pilot)
        await skip_to(screen, pilot, "typed", "enter")
        typed = screen.query_one("#typed", Input)
        card = screen.query_one("#card")
        await settle(pilot)
        assert card.region.contains_region(typed.region), "the answer box is in view"
        typed.value = "zzz " * 750  # a 3,000-character answer
        await press(pilot, "enter")
        await settle(pilot)
        feedback = screen.query_one("#feedback")
        assert card.region.overlaps(feedback.region), "the feedback is in view"
        assert "characters in all" in text_of(app, "#feedback")


async def test_export_dialog_after_a_success_then_an_error(settings: Settings, tmp_path: Path) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(tmp_path / "one.apkg")
        await press(pilot, "enter")
        await settle(pilot)
        assert "Done: 6 notes (6 cards)" in text_of(app, "#export-status")
        assert app.focused is path_input, "typing and Enter work again at once"
        path_input.value = str(tmp_path / "two.zip")
        await press(pilot, "enter")
        assert "must end in .apkg" in text_of(app, "#export-status")
        assert not app.screen.query_one("#export-progress", ProgressBar).display  # no stale 100% bar


def test_stats_topic_names_are_folded_never_cut() -> None:
    import io

    from rich.console import Console

    from kratom_quiz.tui.screens.stats import mastery_table

    console = Console(width=28, file=io.StringIO(), color_system=None)
    console.print(mastery_table("Mastery by topic", (("adverse-effects-and-interactions", 0.5, 4),)))
    rows = console.file.getvalue().splitlines()[2:]  # type: ignore[attr-defined]
    first_column = "".join(line.split()[0] for line in rows if line.strip())
    assert first_column == "adverse-effects-and-interactions"
