"""Classroom load: many learners answering at once against one PostgreSQL server, a teacher reporting.

Run: ``scripts/pg-test.sh run uv run python benchmarks/bench_classroom.py`` (or give ``--pg-url`` the
owner's URL of a database; each row works in a schema of its own, dropped afterwards). About 5 minutes.

Each learner is a process with its own classroom login (row-level security on), answering through the
real services. The study screen opens on its first card (timed apart: "1st card", the learner's cold start);
then each "answer" is timed from the answer given to the next card shown: record the answer, then next card.
Meanwhile a teacher process runs ``report items`` and ``report learners``. Afterwards every acknowledged
review id is looked up: lost = acknowledged but absent, duplicated = logged more than once.

Rows, each in a fresh class:
  1 learner  - one learner alone, flat out: what the answer itself costs.
  flat out   - 30 learners answering as fast as the machine lets them, the teacher reporting back to back.
               On 2 cores this measures saturation (30 clients and 30 server backends queue for the CPU),
               not the wait a learner sees.
  think 3 s  - the same class paced as people are: each learner thinks between answers (``--think``, see
               ``THINK``), the teacher looks at the reports every while; fewer answers each
               (``--paced-reviews``) so the row takes about two minutes.
  sqlite     - 4 processes on one SQLite file, flat out, for comparison.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
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
THINK = 3.0
"""Mean seconds a paced learner spends on a card: reading it, choosing, reading the feedback. People take
longer (Anki's own statistics put a typical review at 6-10 s): 3 s loads the server more than a real class
of this size. Think times are drawn from an exponential distribution, so the answers of independent learners
reach the server as a Poisson stream, bursts of several at the same moment included."""


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
    first_ms: float
    latencies: list[float]
    review_ids: list[str]
    elapsed: float


@dataclass(frozen=True)
class Mode:
    """How a row is run: how many learners, how many answers each, how long each thinks between them."""

    label: str
    learners: int
    reviews: int
    think: float  # mean seconds between a card shown and its answer; 0 = flat out
    teacher: bool = True


def learner_run(url: str, name: str, mode: Mode, seed: int, start: Any, out: Any) -> None:
    db = services.open_database(url)
    me = services.find_learner(db, name)
    rng = random.Random(seed)
    latencies, ids = [], []
    start.wait()
    began = time.perf_counter()
    if mode.think:
        time.sleep(rng.uniform(0, mode.think))  # a class opens the app within seconds, not one instant
    t0 = time.perf_counter()
    due = services.next_card(db, me.id, utc_now())  # the study screen opens: its first card
    first = (time.perf_counter() - t0) * 1000
    for n in range(mode.reviews):
        if due is None:
            raise SystemExit(f"{name}: nothing left to study after {n} answers")
        if mode.think:
            time.sleep(rng.expovariate(1 / mode.think))  # reading the card, choosing an answer
        t0 = time.perf_counter()
        now = utc_now()
        right = (n + len(name)) % 4 != 0
        rid = str(uuid.uuid4())
        services.record_review(db, me.id, due.item.key, Rating.GOOD if right else Rating.AGAIN, now=now,
                               suggested=None, answer="Alpha" if right else "Beta", correct=right,
                               duration_ms=1500, review_id=rid)  # fmt: skip
        due = services.next_card(db, me.id, now)
        latencies.append((time.perf_counter() - t0) * 1000)
        ids.append(rid)
    out.put(Outcome(name, first, latencies, ids, time.perf_counter() - began))
    db.close()


def teacher_run(url: str, think: float, start: Any, stop: Any, out: Any) -> None:
    """Both reports in a loop: back to back when the learners run flat out, else a look every while."""
    db = services.open_database(url)
    rng = random.Random(0)
    start.wait()
    items_ms: list[float] = []
    learners_ms: list[float] = []
    while not (stop.wait(rng.expovariate(1 / think)) if think else stop.is_set()):
        t0 = time.perf_counter()
        analysis.item_report(db)
        t1 = time.perf_counter()
        analysis.learner_report(db, utc_now())
        learners_ms.append((time.perf_counter() - t1) * 1000)
        items_ms.append((t1 - t0) * 1000)
    out.put(("teacher", items_ms, learners_ms))
    db.close()


def run(store: str, owner: str, logins: list[tuple[str, str]], teacher: str, mode: Mode) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    start, stop, out = ctx.Barrier(len(logins) + int(mode.teacher) + 1), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=learner_run, args=(url, name, mode, seed, start, out))
        for seed, (name, url) in enumerate(logins)
    ]
    if mode.teacher:
        procs.append(ctx.Process(target=teacher_run, args=(teacher, mode.think, start, stop, out)))
    for p in procs:
        p.start()
    start.wait()
    began = time.perf_counter()
    outcomes: list[Outcome] = []
    while len(outcomes) < len(logins):
        got = out.get(timeout=1800)
        if isinstance(got, Outcome):
            outcomes.append(got)
    wall = time.perf_counter() - began
    stop.set()
    _, items_ms, learners_ms = out.get(timeout=600) if mode.teacher else ("teacher", [], [])
    for p in procs:
        p.join()
    acked = [rid for o in outcomes for rid in o.review_ids]
    engine = sa.create_engine(owner)
    with engine.connect() as conn:
        logged = dict(conn.execute(sa.text("SELECT id, count(*) FROM review_log GROUP BY id")).all())
    engine.dispose()
    lat = sorted(x for o in outcomes for x in o.latencies)
    firsts = sorted(o.first_ms for o in outcomes)
    return {
        "store": store, "mode": mode.label, "learners": len(logins), "reviews": len(acked),
        "lost": sum(1 for rid in acked if rid not in logged),
        "duplicated": sum(n - 1 for n in logged.values() if n > 1) + len(acked) - len(set(acked)),
        "p50": statistics.median(lat), "p99": lat[int(0.99 * (len(lat) - 1))], "per_s": len(acked) / wall,
        "first": statistics.median(firsts),
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


def pg_row(pg_url: str, mode: Mode) -> dict[str, Any]:
    """One row on the server, in a schema of its own (dropped afterwards)."""
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    owner = sa.make_url(pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
    owner_url = owner.render_as_string(hide_password=False)
    try:
        logins, teacher = setup(owner_url, mode.learners, server=True)
        return run("postgresql", owner_url, logins, teacher, mode)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default=os.environ.get("KRATOM_QUIZ_TEST_PG_URL", ""))
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--sqlite-learners", type=int, default=4)
    parser.add_argument("--reviews", type=int, default=300, help="answers per learner, flat out")
    parser.add_argument("--think", type=float, default=THINK, help="mean seconds a paced learner thinks")
    parser.add_argument("--paced-reviews", type=int, default=40, help="answers per paced learner")
    parser.add_argument("--no-teacher", action="store_true", help="no reports meanwhile (learners only)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average at start {_load()}")
    rows = []
    if args.pg_url:
        rows.append(pg_row(args.pg_url, Mode("1 learner", 1, args.reviews, 0.0, teacher=False)))
        teacher = not args.no_teacher
        rows.append(pg_row(args.pg_url, Mode("flat out", args.learners, args.reviews, 0.0, teacher)))
        if args.think > 0:
            rows.append(pg_row(args.pg_url, Mode(f"think {args.think:g} s", args.learners,
                                                 args.paced_reviews, args.think, teacher)))  # fmt: skip
    else:
        print("no --pg-url (or KRATOM_QUIZ_TEST_PG_URL): the PostgreSQL rows are skipped")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'class.db'}"
        logins, teacher = setup(url, args.sqlite_learners, server=False)
        rows.append(run("sqlite", url, logins, teacher, Mode("flat out", len(logins), args.reviews, 0.0)))
    print(f"load average at end {_load()}")
    print(f"{'store':<11} {'mode':<11} {'learners':>8} {'answers':>7} {'lost':>4} {'dup':>4} {'p50 ms':>7} "
          f"{'p99 ms':>7} {'answers/s':>9} {'1st card':>8} {'reports':>7} {'items ms p50/max':>16} "
          f"{'learners ms p50/max':>19}")  # fmt: skip
    for r in rows:
        print(f"{r['store']:<11} {r['mode']:<11} {r['learners']:>8} {r['reviews']:>7} {r['lost']:>4} "
              f"{r['duplicated']:>4} {r['p50']:>7.1f} {r['p99']:>7.1f} {r['per_s']:>9.0f} "
              f"{r['first']:>5.0f} ms {r['reports']:>7} {r['items_ms']:>16} "
              f"{r['learners_ms']:>19}")  # fmt: skip


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
