"""``kratom-quiz stats`` and ``kratom-quiz optimize``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from kratom_quiz.cli.common import open_db, pick_learner
from kratom_quiz.cli.completion import complete_learner
from kratom_quiz.cli.tables import print_table

LearnerOption = Annotated[
    str | None,
    typer.Option("--learner", help="Learner name (default: the only one).", autocompletion=complete_learner),
]


def stats(
    learner: LearnerOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Reviews per day, retention by week, a 30-day forecast, mastery by topic and evidence, streak."""
    from kratom_quiz import services
    from kratom_quiz.clock import utc_now

    with open_db() as db:
        st = services.stats(db, pick_learner(db, learner).id, utc_now())
    if as_json:
        payload = {
            "streak": st.streak,
            "total_reviews": st.total_reviews,
            "practice_answers": st.practice_answers,
            "reviews_per_day": [{"day": d.isoformat(), "reviews": n} for d, n in st.reviews_per_day],
            "retention_by_week": [{"week": w.isoformat(), "retention": r, "reviews": n}
                                  for w, r, n in st.retention_by_week],
            "forecast": [{"day": d.isoformat(), "due": n} for d, n in st.forecast],
            "mastery_by_topic": [{"topic": t, "mastery": m, "items": n} for t, m, n in st.mastery_by_topic],
            "mastery_by_evidence": [{"evidence": e, "mastery": m, "items": n}
                                    for e, m, n in st.mastery_by_evidence],
        }  # fmt: skip
        typer.echo(json.dumps(payload, indent=2))
        return
    typer.echo(
        f"Streak: {st.streak} day(s)   Answers in total: {st.total_reviews} "
        f"(and {st.practice_answers} in practice quizzes)"
    )
    _table("Reviews per day (last 7)", ["day", "reviews"], [(d.isoformat(), str(n)) for d, n in
                                                            st.reviews_per_day[-7:]])  # fmt: skip
    _table(
        "True retention by week",
        ["week of", "retention", "reviews"],
        [(w.isoformat(), "-" if r is None else f"{r:.0%}", str(n)) for w, r, n in st.retention_by_week[-4:]],
    )
    _table("Due (next 7 days)", ["day", "due"], [(d.isoformat(), str(n)) for d, n in st.forecast[:7]])
    _table(
        "Mastery by topic",
        ["topic", "mastery", "items"],
        [(t, f"{m:.0%}", str(n)) for t, m, n in st.mastery_by_topic],
    )
    _table("Mastery by evidence", ["evidence", "mastery", "items"],
           [(e, f"{m:.0%}", str(n)) for e, m, n in st.mastery_by_evidence])  # fmt: skip


def _table(title: str, header: list[str], rows: list[tuple[str, ...]]) -> None:
    typer.echo(f"\n{title}")
    print_table([tuple(header), *rows], indent="  ")


def optimize(learner: LearnerOption = None) -> None:
    """Fit the learner's FSRS weights to their review history; scheduling uses them from then on."""
    from kratom_quiz import services

    with open_db() as db:
        who = pick_learner(db, learner)
        report = services.optimize(db, who.id)
    typer.echo(f"Fitted on {report.items} answers ({report.reviews} study answers in all).")
    typer.echo(f"log loss: current {report.old_log_loss:.4f}, fitted {report.new_log_loss:.4f}")
    typer.echo(f"RMSE:     current {report.old_rmse:.4f}, fitted {report.new_rmse:.4f}")
    if report.adopted:
        typer.echo(f"Kept the fitted parameters for {who.name!r}: they predict the history better.")
    else:
        typer.echo(f"Kept the current parameters for {who.name!r}: the fitted ones predict no better.")
