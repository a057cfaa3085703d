"""``kratom-quiz classroom``: set up a class on PostgreSQL and give each learner a login of their own."""

from __future__ import annotations

from typing import Annotated

import typer

from kratom_quiz.cli.common import open_db, sync_from_folder

classroom_app = typer.Typer(
    help="A class on one PostgreSQL database (run with the database owner's --db URL).", no_args_is_help=True
)


def _connect_line(url: str, command: str) -> str:
    return f"  kratom-quiz --db '{url}' {command}"


@classroom_app.command("init", short_help="Create the class: schema, decks, security, teacher.")
def init(
    teacher: Annotated[str, typer.Option("--teacher", help="The teacher's name.")],
) -> None:
    """Create the schema, sync the decks, install the row-level security policies and a teacher login."""
    from kratom_quiz.services import classroom

    with open_db() as db:
        report, _, _ = sync_from_folder(db)
        login = classroom.init(db, teacher)
    typer.echo(f"Classroom ready: {report.added} study items added, row-level security on.")
    typer.echo(f"Teacher {login.name!r} connects as role {login.role!r} (private):")
    typer.echo(_connect_line(login.url, "report items"))
    typer.echo("Add learners with: kratom-quiz --db OWNER_URL classroom add-learner NAME")


@classroom_app.command("add-learner", short_help="Add a learner with their own login.")
def add_learner(name: Annotated[str, typer.Argument(help="The learner's name.")]) -> None:
    """Add a learner with a login role that reads and writes only their own progress."""
    from kratom_quiz.services import classroom

    with open_db() as db:
        login = classroom.add_learner(db, name)
    typer.echo(f"Added learner {login.name!r} with login role {login.role!r}. Give them this line privately:")
    typer.echo(_connect_line(login.url, "study"))
