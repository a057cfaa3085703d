"""Save SVG screenshots of the study app for the README: uv run python scripts/screenshots.py.

Uses the bundled decks, a throwaway database with two weeks of simulated study, a fixed clock and no
fuzz, so the pictures are the same on every run. Writes docs/screenshots/{home,study-question,
study-feedback,stats}.svg.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kratom_quiz import paths, services
from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.deckfile import load_decks
from kratom_quiz.domain.grading import grade
from kratom_quiz.domain.model import CardKind
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.study import StudyScreen

NOW = datetime(2026, 3, 16, 18, 0, tzinfo=UTC)
SIZE = (100, 30)
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def simulate(url: str, decks: Path) -> None:
    """Two weeks of study by one learner, answering about four in five right."""
    db = services.open_database(url, fuzz=False)
    loaded = load_decks([decks]).decks
    services.sync_decks(db, loaded)
    total = sum(len(card.ordinals) for deck in loaded for card in deck.cards)
    seen: set[tuple[str, str, int]] = set()
    learner = services.add_learner(db, "Sam")
    rng = random.Random(7)
    for day in range(14, 0, -1):
        now = NOW - timedelta(days=day, hours=rng.randint(0, 3))
        for _ in range(12):
            due = services.next_card(db, learner.id, now)
            if due is None or (due.item.key not in seen and len(seen) >= total // 2):
                break  # half the items stay new, so the study screen has something to show
            seen.add(due.item.key)
            right = rng.random() < 0.8
            verdict = grade(due.item, None, elapsed_ms=8000) if due.item.card.kind is CardKind.BASIC else None
            rating = verdict.suggested if verdict else (rng.choice([3, 3, 4]) if right else 1)
            services.record_review(
                db, learner.id, due.item.key, rating, now=now, suggested=None,  # type: ignore[arg-type]
                answer="", correct=right, duration_ms=8000,
            )  # fmt: skip
            now += timedelta(minutes=2)


async def shoot(settings: Settings) -> None:
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=SIZE) as pilot:

        async def settle() -> None:
            for _ in range(5):
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle()
        app.save_screenshot("home.svg", str(OUT))
        await pilot.press("s")
        await settle()
        screen = app.screen
        if not isinstance(screen, StudyScreen) or screen.item is None:
            raise SystemExit("nothing to study in the bundled decks")
        app.save_screenshot("study-question.svg", str(OUT))
        kind = screen.item.card.kind
        keys = {CardKind.TRUEFALSE: ["t"], CardKind.BASIC: ["space"], CardKind.MULTI: ["1", "enter"]}
        typed = [*screen.item.expected[0], "enter"]
        await pilot.press(*keys.get(kind, typed if kind in (CardKind.TYPED, CardKind.CLOZE) else ["2"]))
        await settle()
        app.save_screenshot("study-feedback.svg", str(OUT))
        for key in ("escape", "l", "escape"):  # end, leave the answer ungraded, summary → home
            await pilot.press(key)
            await settle()
        await pilot.press("t")
        await settle()
        app.save_screenshot("stats.svg", str(OUT))
        app.exit()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        decks = paths.bundled_decks_dir()
        url = f"sqlite:///{Path(tmp) / 'screens.db'}"
        simulate(url, decks)
        asyncio.run(shoot(Settings(db=url, decks=decks)))
    for name in ("home", "study-question", "study-feedback", "stats"):
        print(OUT / f"{name}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
