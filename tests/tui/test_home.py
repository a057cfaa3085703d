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
        ]
        # 20 new cards a day for the learner, whichever decks they come from.
        assert rows[0][1] == "20"
        assert "20 new left" in text_of(app, "#totals")
