"""The issue's done-when scenario: a new learner studies ten cards, quits, and comes back the next day."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.domain.study import ItemKey
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.study import StudyScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import answer_current, press, settle, start_study, text_of

EXTRA = "".join(
    f"""
  - id: extra-{n}
    type: truefalse
    prompt: Statement number {n} about kratom is true.
    answer: {"true" if n % 2 else "false"}
    explanation: Explanation {n}.
    topic: extra
    evidence: claim
    source: {{doc: doc, section: Extra}}
"""
    for n in range(1, 9)
)


async def test_study_ten_quit_and_come_back_tomorrow(settings: Settings, decks_dir: Path) -> None:
    deck = decks_dir / "test.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")

    easy: set[ItemKey] = set()
    studied: set[ItemKey] = set()
    kinds: set[str] = set()
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        for n in range(10):
            item = screen.item
            assert item is not None
            kinds.add(item.card.kind.value)
            await press(pilot, *await answer_current(screen, pilot, right=n % 4 != 3))
            if n % 3 == 0 and item.key not in studied:
                easy.add(item.key)
                await press(pilot, "4")
            else:
                await press(pilot, "enter")
            studied.add(item.key)
        assert screen.tally.done == 10
        await press(pilot, "q")
    assert len(kinds) >= 4

    tomorrow = NOW + timedelta(days=1)
    app = make_app(settings, clock=fixed_clock(tomorrow), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # the only learner is chosen again
        assert "0 reviewed" in text_of(app, "#totals")
        assert app.db is not None and app.learner is not None
        rows = services.browse(app.db, app.learner.id, tomorrow)
        due_now = {r.key for r in rows if r.reps and r.due is not None and r.due <= tomorrow}
        assert due_now and not (due_now & easy)

        await press(pilot, "s")
        study = app.screen
        assert isinstance(study, StudyScreen)
        shown: list[ItemKey] = []
        while study.item is not None and study.due is not None and study.due.reps > 0:
            shown.append(study.item.key)
            await press(pilot, *await answer_current(study, pilot, right=True), "4")
        # Yesterday's cards come first, exactly those due; none rated Easy (days away) comes back yet.
        assert set(shown) >= due_now
        assert set(shown) <= studied - easy
