"""A card drawn from a published reference shows its citation in the feedback panel and in browse."""

from __future__ import annotations

from pathlib import Path

import pytest

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.browse import BrowseScreen, CardDetailScreen
from tests.tui.conftest import DECK, NOW
from tests.tui.helpers import answer_current, create_learner, press, skip_to, start_study, text_of

FDA = """\
  - id: fda-kratom
    title: FDA and Kratom
    publisher: U.S. Food and Drug Administration
    year: 2025
    url: https://www.fda.gov/news-events/public-health-focus/fda-and-kratom
cards:
"""
CITATION = (
    "U.S. Food and Drug Administration (2025). FDA and Kratom. "
    "https://www.fda.gov/news-events/public-health-focus/fda-and-kratom"
)


@pytest.fixture
def settings(tmp_path: Path, decks_dir: Path) -> Settings:
    # The true/false card about approval cites the agency's page instead of the local document.
    deck = DECK.replace("cards:\n", FDA, 1).replace(
        "source: {doc: doc, section: Regulation}", "source: {doc: fda-kratom}"
    )
    (decks_dir / "test.yaml").write_text(deck, encoding="utf-8")
    return Settings(db=f"sqlite:///{tmp_path / 'study.db'}", decks=decks_dir)


async def test_feedback_cites_the_reference(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_study(pilot)
        await skip_to(screen, pilot, "truefalse", "enter")
        await press(pilot, *await answer_current(screen, pilot, right=True))
        feedback = " ".join(text_of(app, "#feedback").split())
        assert f"Source: {CITATION}" in feedback


async def test_browse_detail_cites_the_reference(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot)
        await press(pilot, "b")
        assert isinstance(app.screen, BrowseScreen)
        await press(pilot, *"approved", "enter", "enter")  # filter to the card, open it
        assert isinstance(app.screen, CardDetailScreen)
        assert f"Source: {CITATION}" in " ".join(text_of(app, "#detail-card").split())
