"""Scale benchmark: one learner, 100,000 cards and 1,000,000 review-log rows; prints a table of timings.

Run: ``uv run python benchmarks/bench_scale.py [--keep DIR]``. Synthetic data is bulk-inserted with the
sqlite3 driver (in the same text format SQLAlchemy writes), then the services are timed as the app uses them.

The data is generated in a child process (streamed in batches), so the peak memory of the timed services is
measured on its own; the child's peak is printed too.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import multiprocessing.process
import multiprocessing.queues
import queue as queue_module
import random
import resource
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from kratom_quiz import services
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef
from kratom_quiz.domain.study import MAX_NEW_PER_DAY, MAX_REVIEWS_PER_DAY, LearnerSettings, Rating
from kratom_quiz.services.quickstart import first_view

CARDS = 100_000
REVIEWS = 1_000_000
SYNC_CARDS = 10_000
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
TOPICS = ["alkaloids", "receptors", "effects", "risks", "regulation", "interactions", "dosing", "history"]


def make_deck(deck_id: str, n: int, salt: str = "") -> Deck:
    evidence = list(Evidence)
    cards = tuple(
        Card(deck_id=deck_id, id=f"{deck_id}-{i}", kind=CardKind.MCQ, prompt=f"Question {i}{salt}?",
             explanation="Because.", topic=TOPICS[i % len(TOPICS)], evidence=evidence[i % len(evidence)],
             source=SourceRef("doc", "Section"), choices=("Mitragynine", "Caffeine", "Morphine"),
             answers=("Mitragynine",))
        for i in range(n)
    )  # fmt: skip
    return Deck(id=deck_id, title=deck_id.title(), version=1, cards=cards)


def fmt_dt(d: datetime) -> str:
    return d.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _states(ids: list[int], learner_id: int, rng: random.Random) -> Iterator[tuple[object, ...]]:
    for iid in ids:
        learning = rng.random() < 0.03
        last = NOW - timedelta(days=rng.uniform(0, 200))
        stability = rng.uniform(0.5, 300)
        due = NOW + timedelta(minutes=rng.uniform(-30, 30)) if learning else last + timedelta(days=stability)
        state = "learning" if learning else "review"
        strong = last + timedelta(days=int(stability) + 1)
        step = 0 if learning else None
        times = (fmt_dt(due), fmt_dt(last), fmt_dt(strong))
        yield (state, step, stability, rng.uniform(1, 10), *times, 10, rng.randrange(4), learner_id, iid)


def _reviews(studied: list[int], learner_id: int, rng: random.Random) -> Iterator[tuple[object, ...]]:
    for n in range(REVIEWS):
        at = NOW - timedelta(seconds=rng.uniform(60, 365 * 86400))
        state_before = "review" if n % 10 else "new"
        yield (str(uuid.UUID(int=rng.getrandbits(128))), learner_id, studied[n % len(studied)],
               rng.choice((1, 3, 3, 3, 4)), 3, "Mitragynine", 1, fmt_dt(at), 4000, "study", state_before,
               None)  # fmt: skip


def _batches(rows: Iterator[tuple[object, ...]], size: int = 20_000) -> Iterator[list[tuple[object, ...]]]:
    while batch := list(itertools.islice(rows, size)):
        yield batch


def fill(db: services.Database, learner_id: int) -> None:
    """Give 75 % of the items a studied state and spread 1,000,000 answers over them and the past year."""
    rng = random.Random(7)
    with db.write() as s:
        ids = list(s.scalars(text("SELECT id FROM items WHERE deck_id = 'big' ORDER BY id")))
        studied = ids[: int(len(ids) * 0.75)]
        conn = s.connection().connection.driver_connection
        assert conn is not None
        for batch in _batches(_states(studied, learner_id, rng)):
            conn.executemany(
                "UPDATE card_state SET state=?, step=?, stability=?, difficulty=?, due=?, last_review=?, "
                "strong_until=?, reps=?, lapses=? WHERE learner_id=? AND item_id=?",
                batch,
            )
        for batch in _batches(_reviews(studied, learner_id, rng)):
            conn.executemany(
                "INSERT INTO review_log (id, learner_id, item_id, rating, suggested, answer, correct, "
                "reviewed_at, duration_ms, mode, state_before, before) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                batch,
            )
    with db.engine.connect() as c:
        c.exec_driver_sql("ANALYZE")
        c.commit()


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(len(xs) * p))]


Result = tuple[str, str, str, bool | None]


def generate(path: Path, out: multiprocessing.queues.Queue[list[Result]]) -> None:
    """In a child process: the first sync of the 100,000-card deck, a learner and the bulk history."""
    db = services.open_database(f"sqlite:///{path}")
    results: list[Result] = []
    t = time.perf_counter()
    services.sync_decks(db, [make_deck("big", CARDS)])
    results.append(("sync 100,000-card deck (first time)", f"{time.perf_counter() - t:.2f} s", "-", None))
    learner = services.add_learner(db, "bench")
    # The highest limits a learner may save: the queue is then bounded by the data, not by the limits.
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=MAX_NEW_PER_DAY,
                                                           reviews_per_day=MAX_REVIEWS_PER_DAY,
                                                           timezone="UTC"))  # fmt: skip
    t = time.perf_counter()
    fill(db, learner.id)
    results.append(
        ("bulk insert 75,000 states + 1,000,000 reviews", f"{time.perf_counter() - t:.1f} s", "-", None)
    )
    db.close()
    out.put(results)


def wait_for(
    child: multiprocessing.process.BaseProcess, queue: multiprocessing.queues.Queue[list[Result]]
) -> list[Result]:
    """The child's results; exits with its exit code if it dies first (a dead child never fills the queue)."""
    while True:
        try:
            results = queue.get(timeout=1)
        except queue_module.Empty:
            if not child.is_alive():
                raise SystemExit(
                    f"data generation failed (child exit code {child.exitcode}); see its error above"
                ) from None
            continue
        child.join()
        return results


def row(name: str, value: float, unit: str, limit: float | None, fmt: str = ".0f") -> Result:
    target = "-" if limit is None else f"<= {limit:g} {unit}"
    return (name, f"{value:{fmt}} {unit}", target, None if limit is None else value <= limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="Folder to keep the database in (default: a temp folder).")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kq-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.db"
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.queues.Queue[list[Result]] = ctx.Queue()
    child = ctx.Process(target=generate, args=(path, queue))
    child.start()
    results = wait_for(child, queue)
    gen_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    db = services.open_database(f"sqlite:///{path}")
    learner = services.find_learner(db, "bench")
    small = make_deck("sync10k", SYNC_CARDS)
    t = time.perf_counter()
    services.sync_decks(db, [small], archive_missing=False)
    results.append(row("sync with a new 10,000-card deck", (time.perf_counter() - t) * 1000, "ms", 1000))
    edited = make_deck("sync10k", SYNC_CARDS, salt=" (edited)")
    t = time.perf_counter()
    services.sync_decks(db, [edited], archive_missing=False)
    results.append(row("sync after editing all 10,000 cards", (time.perf_counter() - t) * 1000, "ms", 1000))
    del small, edited

    nexts, records = [], []
    now = NOW
    for _ in range(500):
        now += timedelta(seconds=5)
        t = time.perf_counter()
        due = services.next_card(db, learner.id, now)
        nexts.append((time.perf_counter() - t) * 1000)
        assert due is not None
        t = time.perf_counter()
        services.record_review(db, learner.id, due.item.key, Rating.GOOD, now=now, suggested=Rating.GOOD,
                               answer="Mitragynine", correct=True, duration_ms=3000)  # fmt: skip
        records.append((time.perf_counter() - t) * 1000)
    for name, xs in (("next card", nexts), ("record review", records)):
        results.append(row(f"{name} p50", pct(xs, 0.5), "ms", 1, ".2f"))
        results.append(row(f"{name} p95", pct(xs, 0.95), "ms", 3, ".2f"))
    undo = timed(lambda: services.undo_last(db, learner.id), 50)
    results.append(row("undo p50", statistics.median(undo), "ms", None, ".2f"))
    home = timed(lambda: services.today(db, learner.id, now), 10)
    results.append(row("home screen: decks and totals", statistics.median(home), "ms", 50, ".1f"))
    if first_view(db.url, now) is None:
        raise SystemExit("the quick first view did not apply to the benchmark database")
    quick = timed(lambda: first_view(db.url, now), 10)
    results.append(row("home screen, first view (sqlite3)", statistics.median(quick), "ms", 50, ".1f"))
    st = timed(lambda: services.stats(db, learner.id, now), 5)
    results.append(row("stats (median)", statistics.median(st), "ms", 500))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.append(row("peak RSS, timed services (this process)", peak, "MB", 200))
    results.append(row("peak RSS, data generation (child process)", gen_peak, "MB", None))

    width = max(len(r[0]) for r in results)
    print(f"{'measure'.ljust(width)}  {'result':>12}  {'target':<10}  ok")
    for name, value, target, ok in results:
        verdict = "" if ok is None else ("ok" if ok else "MISS")
        print(f"{name.ljust(width)}  {value:>12}  {target:<10}  {verdict}")
    print(f"database: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    db.close()


if __name__ == "__main__":
    main()
