"""``kratom-quiz report``: the teacher's item analysis and a line per learner."""

from __future__ import annotations

import csv
import json
import sys
from typing import Annotated, Any

import typer

from kratom_quiz.cli.common import open_db
from kratom_quiz.cli.completion import complete_deck_id

report_app = typer.Typer(help="Item analysis and learner reports (for a class, or every learner here).",
                         no_args_is_help=True)  # fmt: skip


def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


@report_app.command("items", short_help="Per item: difficulty, discrimination, options, flags.")
def items(
    deck: Annotated[
        str | None, typer.Option("--deck", help="Only this deck id.", autocompletion=complete_deck_id)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV, one row per item.")] = False,
) -> None:
    """Per item: first answers, difficulty (share right), discrimination, option shares, flags."""
    from kratom_quiz.services import analysis

    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv")
    with open_db() as db:
        stats = analysis.item_report(db, deck)
    rows = [_item_row(st) for st in stats]
    if as_json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["deck", "card", "item", "kind", "answers", "difficulty", "discrimination",
                         "options", "flags"])  # fmt: skip
        for r in rows:
            opts = "; ".join(f"{o['option']}{'*' if o['key'] else ''}={o['share']:.2f}" for o in r["options"])
            writer.writerow([r["deck"], r["card"], r["item"], r["kind"], r["answers"], r["difficulty"],
                             r["discrimination"], opts, "; ".join(r["flags"])])  # fmt: skip
        return
    typer.echo(f"{'item':<40} {'answers':>7} {'right':>6} {'discr':>6}  flags")
    for st in stats:
        name = ":".join(map(str, st.info.key))
        flags = "; ".join(st.flags)
        typer.echo(f"{name[:40]:<40} {st.answers:>7} {_fmt(st.difficulty, '.0%'):>6} "
                   f"{_fmt(st.discrimination, '+.2f'):>6}  {('!! ' + flags) if flags else ''}")  # fmt: skip
    flagged = sum(1 for st in stats if st.flags)
    typer.echo(f"{len(stats)} items, {flagged} flagged. Difficulty counts first answers only.")


def _item_row(st: Any) -> dict[str, Any]:
    deck, card, ordinal = st.info.key
    return {
        "deck": deck, "card": card, "item": ordinal, "kind": st.info.kind, "question": st.info.question,
        "answers": st.answers, "difficulty": st.difficulty, "discrimination": st.discrimination,
        "options": [{"option": o.option, "key": o.is_key, "share": o.share, "upper_share": o.upper_share}
                    for o in st.options],
        "flags": list(st.flags),
    }  # fmt: skip


@report_app.command("learners", short_help="Per learner: studied, answers, retention, streak.")
def learners(as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False) -> None:
    """Per learner: items studied, answers, true retention, due today, streak, mastery by topic."""
    from kratom_quiz.clock import utc_now
    from kratom_quiz.services import analysis

    with open_db() as db:
        lines = analysis.learner_report(db, utc_now())
    if as_json:
        json.dump([_learner_row(x) for x in lines], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    typer.echo(f"{'learner':<20} {'studied':>7} {'answers':>7} {'retention':>9} {'due':>5} {'streak':>6}")
    for x in lines:
        retention = _fmt(x.true_retention, ".0%")
        typer.echo(f"{x.name[:20]:<20} {x.cards_studied:>7} {x.reviews:>7} {retention:>9} "
                   f"{x.due_now:>5} {x.streak:>6}")  # fmt: skip
        topics = ", ".join(f"{t} {m:.0%}" for t, m, _ in x.mastery_by_topic)
        if topics:
            typer.echo(f"  mastery: {topics}")


def _learner_row(x: Any) -> dict[str, Any]:
    return {
        "name": x.name, "cards_studied": x.cards_studied, "answers": x.reviews,
        "true_retention": x.true_retention, "due_today": x.due_now, "streak": x.streak,
        "mastery_by_topic": {t: {"mastery": m, "items": n} for t, m, n in x.mastery_by_topic},
        "mastery_by_evidence": {e: {"mastery": m, "items": n} for e, m, n in x.mastery_by_evidence},
    }  # fmt: skip
