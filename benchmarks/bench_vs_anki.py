"""Our store against Anki's engine on the same data, in one process run: prints ours, Anki's and the ratio.

Run: ``uv run python benchmarks/bench_vs_anki.py [--cards 100000 --reviews 1000000 --rounds 5]``
(a quick check: ``--cards 5000 --reviews 50000 --rounds 3``). Needs the ``anki`` package (dev group).

Both stores get the same cards (75 % studied: 3 % in learning, the rest reviews due from 30 days ago to 200
days ahead; 25 % new) and the same review history, bulk-inserted with each store's driver connection. Each
row is measured in interleaved rounds (ours then Anki's, then Anki's then ours, ...) and the median of the
rounds' figures is printed, so that a noisy neighbour on the machine hurts both sides alike.

- answer + next: record a Good answer to the card shown and fetch the next one (Anki: ``answerCard`` and
  ``getCard``), p50 and p95, with ``synchronous=FULL`` and with ``NORMAL`` on both databases.
- home counts: ``services.today`` (Anki: ``sched.deck_due_tree``).
- stats: ``services.stats`` (Anki: the statistics screen's ``graphs`` for the last 31 days).
- sync / import a 10,000-card deck into an empty store (Anki: importing a 10,000-note ``.apkg``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ["TZ"] = "UTC"  # Anki's study day follows the process's zone; ours is set to UTC below
time.tzset()

from anki.collection import (  # noqa: E402
    AddNoteRequest,
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.decks import DeckConfigId, DeckId  # noqa: E402
from anki.import_export_pb2 import ImportAnkiPackageOptions  # noqa: E402
from sqlalchemy import text  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from bench_scale import fmt_dt, make_deck  # noqa: E402

from kratom_quiz import services  # noqa: E402
from kratom_quiz.clock import utc_now  # noqa: E402
from kratom_quiz.domain.study import LearnerSettings, Rating  # noqa: E402
from kratom_quiz.domain.studyday import day_start  # noqa: E402

DAY_START = 4
LIMIT = 9999  # new cards and reviews a day, on both sides (Anki refuses a higher review limit)
SYNC_CARDS = 10_000
ANSWERS = 200  # answers per round and synchronous mode


@dataclass(frozen=True, slots=True)
class Plan:
    """One card's state, the same in both stores."""

    state: str  # new, learning, review
    stability: float
    difficulty: float
    due_days: int  # review: due this many study days from today
    due_secs: int  # learning: due this many seconds from now
    last_days: int  # last review this many days ago
    reps: int
    lapses: int


def plan_cards(n: int, rng: random.Random) -> list[Plan]:
    out = []
    for i in range(n):
        if i >= n * 3 // 4:
            out.append(Plan("new", 0, 0, 0, 0, 0, 0, 0))
            continue
        learning = rng.random() < 0.04
        stability = rng.uniform(0.5, 300)
        out.append(Plan(
            "learning" if learning else "review", stability, rng.uniform(1, 10), rng.randint(-30, 200),
            rng.randint(-1800, 1800), rng.randint(1, 200), 10, rng.randrange(4),
        ))  # fmt: skip
    return out


def review_times(n: int, now: datetime) -> Iterator[tuple[int, datetime]]:
    """The n-th answer's time, spread evenly over the last 365 days (distinct milliseconds, as Anki needs)."""
    step_ms = 365 * 86_400_000 // max(n, 1)
    start_ms = int((now - timedelta(days=365)).timestamp() * 1000)
    for k in range(n):
        ms = start_ms + k * step_ms
        yield ms, datetime.fromtimestamp(ms / 1000, UTC)


def _batches(rows: Iterator[tuple[Any, ...]], size: int = 20_000) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------- our store


def build_ours(path: Path, plans: list[Plan], reviews: int, now: datetime) -> tuple[services.Database, int]:
    db = services.open_database(f"sqlite:///{path}")
    services.sync_decks(db, [make_deck("big", len(plans))])
    learner = services.add_learner(db, "bench")
    settings = LearnerSettings(new_per_day=LIMIT, reviews_per_day=LIMIT, timezone="UTC")
    services.save_settings(db, learner.id, settings)
    today = (now - timedelta(hours=DAY_START)).date()
    with db.write() as s:
        ids = list(s.scalars(text("SELECT id FROM items WHERE deck_id = 'big' ORDER BY id")))
        conn = s.connection().connection.driver_connection
        assert conn is not None

        def states() -> Iterator[tuple[Any, ...]]:
            for iid, p in zip(ids, plans, strict=True):
                if p.state == "new":
                    continue
                last = now - timedelta(days=p.last_days)
                if p.state == "review":
                    due = day_start(today + timedelta(days=p.due_days), UTC, DAY_START)
                else:
                    due = now + timedelta(seconds=p.due_secs)
                strong = last + timedelta(days=int(p.stability) + 1)
                step = 1 if p.state == "learning" else None
                yield (p.state, step, p.stability, p.difficulty, fmt_dt(due), fmt_dt(last), fmt_dt(strong),
                       p.reps, p.lapses, learner.id, iid)  # fmt: skip

        for batch in _batches(states()):
            conn.executemany(
                "UPDATE card_state SET state=?, step=?, stability=?, difficulty=?, due=?, last_review=?, "
                "strong_until=?, reps=?, lapses=? WHERE learner_id=? AND item_id=?",
                batch,
            )
        studied = [iid for iid, p in zip(ids, plans, strict=True) if p.state != "new"]

        def logs() -> Iterator[tuple[Any, ...]]:
            for k, (ms, at) in enumerate(review_times(reviews, now)):
                yield (f"r{ms}", learner.id, studied[k % len(studied)], 3 if k % 5 else 1, 3, "x", 1,
                       fmt_dt(at), 4000, "study", "new" if k % 10 == 0 else "review", None)  # fmt: skip

        for batch in _batches(logs()):
            conn.executemany(
                "INSERT INTO review_log (id, learner_id, item_id, rating, suggested, answer, correct, "
                "reviewed_at, duration_ms, mode, state_before, before) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                batch,
            )
    with db.engine.connect() as c:
        c.exec_driver_sql("ANALYZE")
        c.commit()
    return db, learner.id


# ---------------------------------------------------------------- Anki


def configure_anki(col: Collection) -> None:
    col.set_config("rollover", DAY_START)
    col.set_config("fsrs", True)
    conf = col.decks.get_config(DeckConfigId(1))
    assert conf is not None
    conf["new"]["delays"] = [1.0, 10.0]
    conf["new"]["perDay"] = LIMIT
    conf["rev"]["perDay"] = LIMIT
    conf["lapse"]["delays"] = [10.0]
    conf["desiredRetention"] = 0.9
    col.decks.update_config(conf)


def _unicase(a: str, b: str) -> int:
    """Anki's case-blind collation (its schema names it; sqlite3 must know it to open the tables)."""
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def build_anki(path: Path, plans: list[Plan], reviews: int, now: datetime) -> Collection:
    """Anki makes the collection; the rows go in with sqlite3 while it is closed (its own ``db.executemany``
    runs at about 150 rows a second)."""
    col = Collection(str(path))
    configure_anki(col)
    model = col.models.by_name("Basic")
    assert model is not None
    mid, today, now_s = model["id"], col.sched.today, int(now.timestamp())
    col.close()
    base = 1_500_000_000_000
    conn = sqlite3.connect(path)
    conn.create_collation("unicase", _unicase)
    notes = (
        (base + i, f"g{i}", mid, now_s, 0, "", f"Question {i}?\x1fMitragynine", f"Question {i}?", 0, 0, "")
        for i in range(len(plans))
    )
    for batch in _batches(notes):
        conn.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)

    def cards() -> Iterator[tuple[Any, ...]]:
        for i, p in enumerate(plans):
            memory = json.dumps({"s": p.stability, "d": p.difficulty, "dr": 0.9})
            if p.state == "new":
                kind, queue, due, ivl, data = 0, 0, i, 0, "{}"
            elif p.state == "review":
                kind, queue, due, ivl, data = 2, 2, today + p.due_days, max(1, int(p.stability)), memory
            else:
                kind, queue, due, ivl, data = 1, 1, now_s + p.due_secs, 0, memory
            left = 1001 if kind == 1 else 0
            yield (base + i, base + i, 1, 0, now_s, 0, kind, queue, due, ivl, 2500, p.reps, p.lapses, left,
                   0, 0, 0, data)  # fmt: skip

    for batch in _batches(cards()):
        conn.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    studied = [base + i for i, p in enumerate(plans) if p.state != "new"]
    logs = (
        (ms, studied[k % len(studied)], 0, 3 if k % 5 else 1, 10, 5, 2500, 4000, 0 if k % 10 == 0 else 1)
        for k, (ms, _) in enumerate(review_times(reviews, now))
    )
    for batch in _batches(logs):
        conn.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", batch)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    return Collection(str(path))


def anki_package(folder: Path) -> Path:
    """A 10,000-note .apkg to import."""
    col = Collection(str(folder / "export.anki2"))
    model = col.models.by_name("Basic")
    assert model is not None
    requests = []
    for i in range(SYNC_CARDS):
        note = col.new_note(model)
        note["Front"], note["Back"] = f"Question {i}?", "Mitragynine"
        requests.append(AddNoteRequest(note, DeckId(1)))
    col.add_notes(requests)
    out = folder / "deck.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False, with_media=False)
    col.export_anki_package(out_path=str(out), options=options, limit=None)
    col.close()
    return out


# ---------------------------------------------------------------- timing


def pct(xs: list[float], p: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(len(xs) * p))]


def ms_of(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


class Ours:
    def __init__(self, db: services.Database, learner_id: int) -> None:
        self.db, self.learner_id = db, learner_id
        self.due = services.next_card(db, learner_id, utc_now())

    def synchronous(self, mode: str) -> None:
        # The hot path's own connection writes the answers: that is where durability matters.
        self.db.hot()._conn.execute(f"PRAGMA synchronous={mode}")

    def answer_next(self) -> None:
        assert self.due is not None
        now = utc_now()
        key, good = self.due.item.key, Rating.GOOD
        services.record_review(self.db, self.learner_id, key, good, now=now, suggested=good,
                               answer="Mitragynine", correct=True, duration_ms=3000)  # fmt: skip
        self.due = services.next_card(self.db, self.learner_id, now)

    def home(self) -> None:
        services.today(self.db, self.learner_id, utc_now())

    def stats(self) -> None:
        services.stats(self.db, self.learner_id, utc_now())

    def sync(self, folder: Path) -> float:
        path = folder / f"sync-{time.monotonic_ns()}.db"
        deck = make_deck("sync10k", SYNC_CARDS)
        with services.open_database(f"sqlite:///{path}") as db:
            return ms_of(lambda: services.sync_decks(db, [deck]))


class Anki:
    def __init__(self, col: Collection, package: Path) -> None:
        self.col, self.package = col, package
        self.card = col.sched.getCard()

    def synchronous(self, mode: str) -> None:
        assert self.col.db is not None
        self.col.db.execute(f"PRAGMA synchronous={mode}")

    def answer_next(self) -> None:
        assert self.card is not None
        self.col.sched.answerCard(self.card, 3)
        self.card = self.col.sched.getCard()

    def home(self) -> None:
        self.col.sched.deck_due_tree()

    def stats(self) -> None:
        self.col._backend.graphs(search="", days=31)

    def sync(self, folder: Path) -> float:
        col = Collection(str(folder / f"import-{time.monotonic_ns()}.anki2"))
        request = ImportAnkiPackageRequest(package_path=str(self.package), options=ImportAnkiPackageOptions())
        try:
            return ms_of(lambda: col.import_anki_package(request))
        finally:
            col.close()


def one_round(side: Ours | Anki, folder: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for mode in ("FULL", "NORMAL"):
        side.synchronous(mode)
        times = [ms_of(side.answer_next) for _ in range(ANSWERS)]
        out[f"answer + next p50, synchronous {mode}"] = pct(times, 0.5)
        out[f"answer + next p95, synchronous {mode}"] = pct(times, 0.95)
    side.synchronous("FULL")
    out["home counts"] = statistics.median(ms_of(side.home) for _ in range(5))
    out["stats"] = statistics.median(ms_of(side.stats) for _ in range(3))
    out["sync / import a 10,000-card deck"] = side.sync(folder)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Folder for the databases (default: a temp folder).")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kq-vs-anki-"))
    folder.mkdir(parents=True, exist_ok=True)
    now = utc_now()
    plans = plan_cards(args.cards, random.Random(7))
    t = time.perf_counter()
    db, learner_id = build_ours(folder / "ours.db", plans, args.reviews, now)
    print(
        f"built our store: {args.cards:,} cards, {args.reviews:,} reviews in {time.perf_counter() - t:.0f} s"
    )
    t = time.perf_counter()
    col = build_anki(folder / "anki.anki2", plans, args.reviews, now)
    print(f"built the Anki collection in {time.perf_counter() - t:.0f} s")
    sides: dict[str, Ours | Anki] = {"ours": Ours(db, learner_id), "anki": Anki(col, anki_package(folder))}
    figures: dict[str, dict[str, list[float]]] = {"ours": {}, "anki": {}}
    for r in range(args.rounds):
        order = ("ours", "anki") if r % 2 == 0 else ("anki", "ours")
        for name in order:
            for row, value in one_round(sides[name], folder).items():
                figures[name].setdefault(row, []).append(value)
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    width = max(len(row) for row in figures["ours"])
    title = f"median of {args.rounds} rounds (ms)"
    print(f"\n{title:<{width}}  {'ours':>9}  {'Anki':>9}  {'ratio':>6}")
    worst = 0.0
    for row, values in figures["ours"].items():
        ours, anki = statistics.median(values), statistics.median(figures["anki"][row])
        ratio = ours / anki if anki else float("inf")
        worst = max(worst, ratio)
        print(f"{row:<{width}}  {ours:>9.3f}  {anki:>9.3f}  {ratio:>6.2f}")
    print(f"\n{args.cards:,} cards, {args.reviews:,} reviews, {date.today()}; worst ratio {worst:.2f}")
    db.close()
    col.close()


if __name__ == "__main__":
    main()
