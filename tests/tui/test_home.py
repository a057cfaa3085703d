"""The home screen as a new learner sees it with the bundled decks."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import create_learner, text_of

BUNDLED = Path(__file__).resolve().parents[2] / "decks"


async def test_decks_in_file_order_and_all_decks_within_the_daily_limit(tmp_path: Path) -> None:
    app = make_app(Settings(db=f"sqlite:///{tmp_path / 'home.db'}", decks=BUNDLED), clock=fixed_clock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await create_learner(pilot, "Jo")
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#decks", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[0] for row in rows] == [
            "All decks",
            "Kratom pharmacology",
            "Kratom risk awareness",
            "Reading kratom health claims critically",
            "Kratom risks: what agencies and studies report",
        ]
        # 20 new cards a day for the learner, whichever decks they come from.
        assert rows[0][1] == "20"
        assert "20 new left" in text_of(app, "#totals")


async def test_all_decks_due_is_capped_by_the_daily_review_limit(tmp_path: Path) -> None:
    from datetime import timedelta

    from kratom_quiz import services
    from kratom_quiz.deckfile import load_decks
    from kratom_quiz.domain.study import LearnerSettings, Rating

    settings = Settings(db=f"sqlite:///{tmp_path / 'due.db'}", decks=BUNDLED)
    db = services.open_database(settings.db, fuzz=False)
    decks = load_decks([BUNDLED]).decks
    services.sync_decks(db, decks)
    learner = services.add_learner(db, "Jo")
    services.save_settings(db, learner.id, LearnerSettings(reviews_per_day=2, timezone="UTC"))
    at = NOW - timedelta(days=90)
    for deck in decks[:2]:  # three cards of each of two decks, learnt long ago: all due now
        for card in deck.cards[:3]:
            for rating in (Rating.GOOD, Rating.GOOD):
                key = (deck.id, card.id, card.ordinals[0])
                services.record_review(db, learner.id, key, rating, now=at, suggested=rating, answer="x",
                                       correct=True, duration_ms=2000)  # fmt: skip
                at += timedelta(minutes=11)
    # And one card in learning, due again later today: it counts as learning, not as a due review.
    fresh = decks[2].cards[0]
    services.record_review(db, learner.id, (decks[2].id, fresh.id, fresh.ordinals[0]), Rating.GOOD,
                           now=NOW - timedelta(minutes=5), suggested=Rating.GOOD, answer="x", correct=True,
                           duration_ms=2000)  # fmt: skip
    db.close()
    app = make_app(settings, clock=fixed_clock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        from tests.tui.helpers import settle

        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][0] == "All decks"
        assert rows[0][2] == "1"
        assert rows[0][3] == "2"  # six reviews are due, but only two are allowed today
        assert [row[3] for row in rows[1:3]] == ["2", "2"]
