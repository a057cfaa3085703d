"""The study loop as a learner drives it: every card kind, feedback, grading, storage, undo, suspend."""

from __future__ import annotations

from datetime import timedelta

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.domain.study import Rating
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.study import StudyScreen
from kratom_quiz.tui.screens.summary import SummaryScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import (
    answer_current,
    choice_number,
    create_learner,
    press,
    skip_to,
    start_study,
    text_of,
)


async def test_every_card_kind_answer_feedback_grade_stored(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "s")
        seen: list[str] = []
        while isinstance(app.screen, StudyScreen):
            screen = app.screen
            assert screen.phase == "question"
            item = screen.item
            assert item is not None
            seen.append(item.card.kind.value)
            await press(pilot, *await answer_current(screen, pilot, right=True))
            assert screen.phase == "feedback"
            feedback = text_of(app, "#feedback")
            assert item.answer_text.split()[0] in feedback
            assert "Source: A test document" in feedback
            if item.card.kind.value != "basic":
                assert "Right" in feedback
                grades = str(screen.query_one("#grades").render())
                assert "Good · " in grades
            await press(pilot, "enter")
        # Every kind once as a new card; learning steps (due within 20 minutes) may bring some back.
        assert sorted(seen[:6]) == ["basic", "cloze", "mcq", "multi", "truefalse", "typed"]
        assert isinstance(app.screen, SummaryScreen)
        assert f"Cards studied: {len(seen)}" in text_of(app, "#summary-totals")
        assert f"Right: {len(seen)} (100%)" in text_of(app, "#summary-totals")

        from kratom_quiz import services

        assert app.db is not None and app.learner is not None
        assert services.next_card(app.db, app.learner.id, NOW) is None
        tomorrow = services.next_card(app.db, app.learner.id, NOW + timedelta(days=3))
        assert tomorrow is not None


async def test_digits_typed_in_the_input_do_not_grade(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await skip_to(screen, pilot, "typed", "enter")
        await press(pilot, "1", "2", "3", "4")
        assert screen.phase == "question"
        from textual.widgets import Input

        assert screen.query_one("#typed", Input).value == "1234"


async def test_wrong_mcq_shows_rationale_and_suggests_again(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await skip_to(screen, pilot, "mcq", "enter")
        await press(pilot, choice_number(screen, "Morphine"))
        feedback = text_of(app, "#feedback")
        assert "Not quite" in feedback
        assert "Your answer:    Morphine" in feedback
        assert "An opium alkaloid; kratom does not contain it." in feedback
        assert screen.pending is not None and screen.pending.grade.suggested is Rating.AGAIN


async def test_undo_brings_the_card_back(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        first = screen.item
        assert first is not None
        await press(pilot, *await answer_current(screen, pilot, right=True), "3")
        assert screen.item != first
        assert screen.tally.done == 1
        await press(pilot, "u")
        assert screen.item == first
        assert screen.tally.done == 0
        assert "0 done" in text_of(app, "#progress-label")


async def test_undo_takes_back_this_windows_answer_not_another_windows(settings: Settings) -> None:
    from kratom_quiz import services

    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        first = screen.item
        assert first is not None
        await press(pilot, *await answer_current(screen, pilot, right=True), "3")
        # Meanwhile another window (or the plain mode) answers another card: the learner's newest answer.
        assert app.db is not None and app.learner is not None
        other = screen.item
        assert other is not None and other.key != first.key
        services.record_review(
            app.db, app.learner.id, other.key, Rating.GOOD, now=NOW, suggested=Rating.GOOD, answer="x",
            correct=True, duration_ms=900, review_id="another-window",
        )  # fmt: skip
        await press(pilot, "u")
        assert services.card_history(app.db, app.learner.id, first.key) == []
        kept = services.card_history(app.db, app.learner.id, other.key)
        assert [entry.review_id for entry in kept] == ["another-window"]


async def test_overriding_a_wrong_answer_to_good_stores_it_as_right(settings: Settings) -> None:
    from kratom_quiz import services

    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        first = screen.item
        assert first is not None
        await press(pilot, *await answer_current(screen, pilot, right=False))
        assert screen.pending is not None and not screen.pending.grade.correct
        await press(pilot, "3")
        assert app.db is not None and app.learner is not None
        (entry,) = services.card_history(app.db, app.learner.id, first.key)
        assert entry.rating is Rating.GOOD and entry.correct is True


async def test_suspend_skips_the_card(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        first = screen.item
        assert first is not None
        await press(pilot, "!")
        assert screen.item != first
        from kratom_quiz import services

        assert app.db is not None and app.learner is not None
        keys = []
        while (due := services.next_card(app.db, app.learner.id, NOW)) is not None:
            keys.append(due.item.key)
            services.set_suspended(app.db, app.learner.id, due.item.key, True)
        assert first.key not in keys
