"""Time the study app's startup on a 10,000-card database: uv run python benchmarks/bench_startup.py.

Measures, in a fresh interpreter, from process start to a home screen that shows the deck counts and
accepts keys (the app runs headless under Textual's test driver). The goal is 400 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CARDS = 10_000
FILES = 10
RUNS = 5
TARGET_MS = 400

CHILD = r"""
import asyncio, sys, time
start = time.perf_counter()
from pathlib import Path
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen

async def main() -> None:
    app = make_app(Settings(db=sys.argv[1], decks=Path(sys.argv[2])))
    async with app.run_test(size=(100, 30)) as pilot:
        first = time.perf_counter()
        while True:
            screen = app.screen
            if isinstance(screen, HomeScreen) and len(screen.summaries) >= 1:
                break
            await pilot.pause(0.002)
        print(f"{(first - start) * 1000:.0f} {(time.perf_counter() - start) * 1000:.0f}")
        app.exit()

asyncio.run(main())
"""


def deck_yaml(n: int, per_file: int) -> str:
    """One deck file of ``per_file`` cards, alternating mcq, truefalse and typed."""
    lines = [f"id: bench-{n}", f"title: Bench deck {n}", "version: 1", "sources:"]
    lines += [
        "  - id: doc",
        "    title: A synthetic source",
        "    file: doc.txt",
        "    sha256: " + "a" * 64,
        "cards:",
    ]
    for i in range(per_file):
        cid = f"c{n}-{i}"
        common = [
            "    explanation: Mitragynine is the main alkaloid of the leaf, with weaker evidence on effects.",
            f"    topic: topic-{i % 12}",
            "    evidence: preclinical",
            "    source: {doc: doc, section: Alkaloids}",
        ]
        kind = i % 3
        if kind == 0:
            lines += [
                f"  - id: {cid}",
                "    type: mcq",
                f"    prompt: Question {i} on which alkaloid is most abundant in kratom leaf?",
                "    choices: [Mitragynine, 7-Hydroxymitragynine, Caffeine, Morphine]",
                "    answer: Mitragynine",
            ]
        elif kind == 1:
            lines += [
                f"  - id: {cid}",
                "    type: truefalse",
                f"    prompt: Statement {i} is true.",
                "    answer: true",
            ]
        else:
            lines += [
                f"  - id: {cid}",
                "    type: typed",
                f"    prompt: Name alkaloid {i}.",
                "    answer: Mitragynine",
            ]
        lines += common
    return "\n".join(lines) + "\n"


def prepare(folder: Path) -> tuple[str, Path]:
    """Deck files and a database already synced with one learner (a returning user's start)."""
    from kratom_quiz import services
    from kratom_quiz.deckfile import load_decks

    decks = folder / "decks"
    decks.mkdir()
    for n in range(FILES):
        (decks / f"bench-{n}.yaml").write_text(deck_yaml(n, CARDS // FILES), encoding="utf-8")
    url = f"sqlite:///{folder / 'bench.db'}"
    db = services.open_database(url)
    loaded = load_decks([decks])
    if loaded.errors:
        raise SystemExit("\n".join(loaded.errors[:5]))
    services.sync_decks(db, loaded.decks)
    services.add_learner(db, "Bench")
    return url, decks


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        url, decks = prepare(Path(tmp))
        print(f"prepared {CARDS} cards in {time.perf_counter() - t0:.1f}s")
        ready = []
        for _ in range(RUNS):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, url, str(decks)], capture_output=True, text=True, check=True
            )
            first_ms, ready_ms = (int(v) for v in out.stdout.split())
            ready.append(ready_ms)
            print(f"home screen up after {first_ms} ms, deck counts shown after {ready_ms} ms")
        median = statistics.median(ready)
        verdict = "ok" if median <= TARGET_MS else "SLOW"
        print(f"median {median:.0f} ms to the counts (goal {TARGET_MS} ms): {verdict}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
