"""Classroom load: many learners answering at once against one PostgreSQL server, a teacher reporting.

Run: ``scripts/pg-test.sh run uv run python benchmarks/bench_classroom.py`` (or give ``--pg-url`` the
owner's URL of a database; the benchmark works in a schema of its own and drops it afterwards).

Each learner is a process with its own classroom login (row-level security on), answering through the
real services: next card, then record the answer, timed together as one "answer". Meanwhile a teacher
process runs ``report items`` and ``report learners`` in a loop. Afterwards every acknowledged review id is
looked up: lost = acknowledged but absent, duplicated = logged more than once. The same is run on a SQLite
file with fewer processes (one machine, one file) for comparison.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kratom_quiz import services
from kratom_quiz.clock import utc_now
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef
from kratom_quiz.domain.study import LearnerSettings, Rating
from kratom_quiz.services import analysis, classroom

CARDS = 400


def bench_deck() -> Deck:
    source, options = SourceRef("doc", "Section"), ("Alpha", "Beta", "Gamma")
    cards = tuple(
        Card("bench", f"c{i:04d}", CardKind.MCQ, f"Question {i}?", f"Because {i}.", f"topic{i % 8}",
             Evidence.DEFINITION, source, choices=options, answers=("Alpha",))
        for i in range(CARDS)
    )  # fmt: skip
    return Deck(id="bench", title="Bench", version=1, cards=cards)


@dataclass
class Outcome:
    name: str
    latencies: list[float]
    review_ids: list[str]
    elapsed: float


def learner_run(url: str, name: str, reviews: int, start: Any, out: Any) -> None:
    db = services.open_database(url)
    me = services.find_learner(db, name)
    latencies, ids = [], []
    start.wait()
    began = time.perf_counter()
    for n in range(reviews):
        t0 = time.perf_counter()
        now = utc_now()
        due = services.next_card(db, me.id, now)
        if due is None:
            raise SystemExit(f"{name}: nothing left to study after {n} answers")
        right = (n + len(name)) % 4 != 0
        rid = str(uuid.uuid4())
        services.record_review(db, me.id, due.item.key, Rating.GOOD if right else Rating.AGAIN, now=now,
                               suggested=None, answer="Alpha" if right else "Beta", correct=right,
                               duration_ms=1500, review_id=rid)  # fmt: skip
        latencies.append((time.perf_counter() - t0) * 1000)
        ids.append(rid)
    out.put(Outcome(name, latencies, ids, time.perf_counter() - began))
    db.close()


def teacher_run(url: str, start: Any, stop: Any, out: Any) -> None:
    db = services.open_database(url)
    start.wait()
    items_ms: list[float] = []
    learners_ms: list[float] = []
    while not stop.is_set():
        t0 = time.perf_counter()
        analysis.item_report(db)
        t1 = time.perf_counter()
        analysis.learner_report(db, utc_now())
        learners_ms.append((time.perf_counter() - t1) * 1000)
        items_ms.append((t1 - t0) * 1000)
    out.put(("teacher", items_ms, learners_ms))
    db.close()


def run(store: str, owner: str, logins: list[tuple[str, str]], teacher: str, reviews: int) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    start, stop, out = ctx.Barrier(len(logins) + 1 + 1), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=learner_run, args=(url, name, reviews, start, out)) for name, url in logins]
    boss = ctx.Process(target=teacher_run, args=(teacher, start, stop, out))
    for p in [*procs, boss]:
        p.start()
    start.wait()
    began = time.perf_counter()
    outcomes: list[Outcome] = []
    while len(outcomes) < len(procs):
        got = out.get(timeout=1800)
        if isinstance(got, Outcome):
            outcomes.append(got)
    wall = time.perf_counter() - began
    stop.set()
    _, items_ms, learners_ms = out.get(timeout=600)
    for p in [*procs, boss]:
        p.join()
    acked = [rid for o in outcomes for rid in o.review_ids]
    engine = sa.create_engine(owner)
    with engine.connect() as conn:
        logged = dict(conn.execute(sa.text("SELECT id, count(*) FROM review_log GROUP BY id")).all())
    engine.dispose()
    lat = sorted(x for o in outcomes for x in o.latencies)
    return {
        "store": store, "learners": len(logins), "reviews": len(acked),
        "lost": sum(1 for rid in acked if rid not in logged),
        "duplicated": sum(n - 1 for n in logged.values() if n > 1) + len(acked) - len(set(acked)),
        "p50": statistics.median(lat), "p99": lat[int(0.99 * (len(lat) - 1))], "per_s": len(acked) / wall,
        "reports": len(items_ms), "items_ms": _p50_max(items_ms), "learners_ms": _p50_max(learners_ms),
    }  # fmt: skip


def _p50_max(ms: list[float]) -> str:
    """A report's time while the learners answer: median / slowest run, in ms."""
    return f"{statistics.median(ms):.0f}/{max(ms):.0f}" if ms else "-"


def setup(owner: str, learners: int, server: bool) -> tuple[list[tuple[str, str]], str]:
    db = services.open_database(owner)
    services.sync_decks(db, [bench_deck()])
    teacher = classroom.init(db, f"bench_teacher_{uuid.uuid4().hex[:6]}").url if server else owner
    logins = []
    tag = uuid.uuid4().hex[:6]
    for i in range(learners):
        name = f"bench{tag}_{i:02d}"
        url = classroom.add_learner(db, name).url if server else owner
        if not server:
            services.add_learner(db, name)
        me = services.find_learner(db, name)
        services.save_settings(db, me.id, LearnerSettings(new_per_day=CARDS, reviews_per_day=CARDS))
        logins.append((name, url))
    db.close()
    return logins, teacher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default=os.environ.get("KRATOM_QUIZ_TEST_PG_URL", ""))
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--sqlite-learners", type=int, default=4)
    parser.add_argument("--reviews", type=int, default=300)
    args = parser.parse_args()
    rows = []
    if args.pg_url:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        owner = sa.make_url(args.pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
        owner_url = owner.render_as_string(hide_password=False)
        try:
            logins, teacher = setup(owner_url, args.learners, server=True)
            rows.append(run("postgresql", owner_url, logins, teacher, args.reviews))
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
    else:
        print("no --pg-url (or KRATOM_QUIZ_TEST_PG_URL): the PostgreSQL row is skipped")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'class.db'}"
        logins, teacher = setup(url, args.sqlite_learners, server=False)
        rows.append(run("sqlite", url, logins, teacher, args.reviews))
    print(f"{'store':<11} {'learners':>8} {'reviews':>7} {'lost':>4} {'dup':>4} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'reviews/s':>9} {'reports':>7} {'items ms p50/max':>16} "
          f"{'learners ms p50/max':>19}")  # fmt: skip
    for r in rows:
        print(f"{r['store']:<11} {r['learners']:>8} {r['reviews']:>7} {r['lost']:>4} {r['duplicated']:>4} "
              f"{r['p50']:>7.1f} {r['p99']:>7.1f} {r['per_s']:>9.0f} "
              f"{r['reports']:>7} {r['items_ms']:>16} {r['learners_ms']:>19}")  # fmt: skip


if __name__ == "__main__":
    main()
