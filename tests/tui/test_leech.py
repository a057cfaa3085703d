"""A card forgotten for the eighth time is flagged as a leech, and the learner is told."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.deckfile import load_decks
from kratom_quiz.domain.study import Rating
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.study import StudyScreen
from tests.tui.conftest import DECK, NOW
from tests.tui.helpers import answer_current, press, settle

KEY = ("testdeck", "q-mcq", 0)


def _one_card_deck(folder: Path) -> Path:
    folder.mkdir()
    mcq_only = DECK.split("  - id: q-multi")[0]
    (folder / "one.yaml").write_text(mcq_only, encoding="utf-8")
    return folder


async def test_eighth_lapse_flags_a_leech_and_says_so(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'leech.db'}", decks=_one_card_deck(tmp_path / "decks"))
    db = services.open_database(settings.db, fuzz=False)
    services.sync_decks(db, load_decks([settings.decks]).decks)
    learner = services.add_learner(db, "Sam")
    at = NOW - timedelta(days=60)
    for rating in [Rating.GOOD, Rating.GOOD] + [Rating.AGAIN, Rating.GOOD] * 7:  # learnt, then 7 lapses
        result = services.record_review(db, learner.id, KEY, rating, now=at, suggested=rating, answer="x",
                                        correct=rating > Rating.AGAIN, duration_ms=3000)  # fmt: skip
        at = max(at + timedelta(minutes=15), result.due)
    assert result.lapses == 7 and not result.became_leech
    db.close()

    app = make_app(settings, clock=fixed_clock(at + timedelta(days=1)), fuzz=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item is not None
        await press(pilot, *await answer_current(screen, pilot, right=False), "enter")  # wrong, accept Again
        messages = [n.message for n in app._notifications]
        assert any("became a leech" in m for m in messages), messages
        assert services.card_history(app.db, learner.id, KEY)[-1].rating is Rating.AGAIN  # type: ignore[arg-type]
