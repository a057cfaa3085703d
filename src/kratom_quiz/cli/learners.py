"""``kratom-quiz learners``: list, add, rename and remove learner profiles."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kratom_quiz.cli.common import open_db
from kratom_quiz.cli.completion import complete_learner
from kratom_quiz.errors import UserError

learners_app = typer.Typer(help="List, add, rename and remove learners.", no_args_is_help=True)


@learners_app.command("list", short_help="List the learners.")
def learners_list() -> None:
    """List the learners in the database."""
    from kratom_quiz import services

    with open_db() as db:
        learners = services.list_learners(db)
    if not learners:
        typer.echo("No learners yet. Add one with: kratom-quiz learners add NAME")
    for learner in learners:
        typer.echo(learner.name)


@learners_app.command("add", short_help="Add a learner.")
def learners_add(name: Annotated[str, typer.Argument(help="The new learner's name.")]) -> None:
    """Add a learner."""
    from kratom_quiz import services

    with open_db() as db:
        learner = services.add_learner(db, name)
    typer.echo(f"Added learner {learner.name!r}.")


@learners_app.command("rename", short_help="Rename a learner (progress stays).")
def learners_rename(
    old: Annotated[str, typer.Argument(help="The learner's name now.", autocompletion=complete_learner)],
    new: Annotated[str, typer.Argument(help="Their new name.")],
) -> None:
    """Rename a learner; their progress stays with them."""
    from kratom_quiz import services

    with open_db() as db:
        learner = services.rename_learner(db, services.find_learner(db, old).id, new)
    typer.echo(f"Renamed {old!r} to {learner.name!r}.")


@learners_app.command("remove", short_help="Remove a learner and their history.")
def learners_remove(
    name: Annotated[str, typer.Argument(help="The learner to remove.", autocompletion=complete_learner)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a learner with all their progress and history (asks first)."""
    from kratom_quiz import services

    with open_db() as db:
        learner = services.find_learner(db, name)
        if not yes:
            typer.echo(f"Remove {learner.name!r} and all their progress and history? [y/N] ", nl=False)
            reply = sys.stdin.readline()
            if reply == "":
                typer.echo("")
                raise UserError(f"{learner.name!r} not removed: no answer to the confirmation (pass --yes)")
            if reply.strip().lower() not in ("y", "yes"):
                typer.echo("Nothing removed.")
                raise typer.Exit(1)
        role = services.remove_learner(db, learner.id)
    login = f" and their login role {role!r}" if role else ""
    typer.echo(f"Removed learner {learner.name!r}{login}.")
