"""The teacher's reports on a class with history: how long ``report items`` and ``report learners`` take.

Run: ``scripts/pg-test.sh run uv run python benchmarks/bench_reports.py --learners 30`` (or give
``--pg-url`` the owner's URL of a database; the benchmark works in a schema of its own and drops it
afterwards). Each learner answers ``--reviews`` cards through the real services, spread over three weeks
(some learners paused lately, so streaks differ); then the teacher's login runs each report ``--runs``
times. Without a server URL it measures the same on a SQLite file (as the owner: no logins there).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from bench_classroom import CARDS, bench_deck  # run as a script: its folder is on the path

from kratom_quiz import services
from kratom_quiz.clock import utc_now
from kratom_quiz.domain.study import LearnerSettings, Rating
from kratom_quiz.services import analysis, classroom

HISTORY = timedelta(days=21)


def populate(owner: str, learners: int, reviews: int, server: bool) -> str:
    """A class with ``learners`` learners of ``reviews`` answers each; returns the teacher's URL."""
    db = services.open_database(owner, fuzz=False)
    services.sync_decks(db, [bench_deck()])
    teacher = classroom.init(db, f"bench_teacher_{uuid.uuid4().hex[:6]}").url if server else owner
    tag = uuid.uuid4().hex[:6]
    end = utc_now()
    for i in range(learners):
        name = f"bench{tag}_{i:02d}"
        me = classroom.add_learner(db, name) if server else services.add_learner(db, name)
        me_id = services.find_learner(db, me.name).id
        services.save_settings(db, me_id, LearnerSettings(new_per_day=CARDS, reviews_per_day=CARDS))
        paused = timedelta(days=i % 4)  # a quarter of the class stopped 3 days ago: their streak is 0
        for n in range(reviews):
            now = end - paused - HISTORY + (HISTORY - paused) * n / reviews
            due = services.next_card(db, me_id, now)
            if due is None:
                break
            right = (n * (i + 3)) % 7 > i % 3
            services.record_review(db, me_id, due.item.key, Rating.GOOD if right else Rating.AGAIN, now=now,
                                   suggested=None, answer="Alpha" if right else "Beta", correct=right,
                                   duration_ms=1500)  # fmt: skip
    db.close()
    return teacher


def time_reports(url: str, runs: int) -> dict[str, list[float]]:
    db = services.open_database(url)
    times: dict[str, list[float]] = {"items": [], "learners": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        analysis.item_report(db)
        t1 = time.perf_counter()
        analysis.learner_report(db, utc_now())
        t2 = time.perf_counter()
        times["items"].append((t1 - t0) * 1000)
        times["learners"].append((t2 - t1) * 1000)
    db.close()
    return times


def show(store: str, learners: int, times: dict[str, list[float]]) -> None:
    for report, ms in times.items():
        print(f"{store:<11} {learners:>8} {'report ' + report:<16} "
              f"{statistics.median(ms):>8.0f} {max(ms):>8.0f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default=os.environ.get("KRATOM_QUIZ_TEST_PG_URL", ""))
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--reviews", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-sqlite", action="store_true", help="Only the PostgreSQL row.")
    args = parser.parse_args()
    print(f"{'store':<11} {'learners':>8} {'report':<16} {'p50 ms':>8} {'max ms':>8}")
    if args.pg_url:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        owner = sa.make_url(args.pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            teacher = populate(owner.render_as_string(hide_password=False), args.learners, args.reviews, True)
            show("postgresql", args.learners, time_reports(teacher, args.runs))
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'class.db'}"
            populate(url, args.learners, args.reviews, False)
            show("sqlite", args.learners, time_reports(url, args.runs))


if __name__ == "__main__":
    main()
