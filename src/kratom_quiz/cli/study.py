"""``kratom-quiz study``: study in the app, or with --plain as line prompts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kratom_quiz.storage.presence import Presence

from kratom_quiz.cli.common import open_db, pick_learner, settings, sync_from_folder


def study(
    plain: Annotated[
        bool, typer.Option("--plain", help="Line prompts on stdin/stdout (screen readers, scripts).")
    ] = False,
    learner: Annotated[
        str | None, typer.Option("--learner", help="Learner name (default: the only one).")
    ] = None,
    deck: Annotated[str | None, typer.Option("--deck", help="Study only this deck id.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Stop after this many answers.")] = None,
    practice: Annotated[
        bool, typer.Option("--practice", help="A quiz that does not change scheduling.")
    ] = False,
) -> None:
    """Study due cards. With no learner yet, one named 'default' is created."""
    if not plain:
        given = [name for name, value in (("--learner", learner), ("--deck", deck), ("--limit", limit),
                                          ("--practice", practice)) if value]  # fmt: skip
        if given:
            raise typer.BadParameter(
                f"{', '.join(given)} only work with --plain; in the app, pick the learner and deck on its"
                " home screen"
            )
        from kratom_quiz.tui.app import run_app  # Textual is imported only for the app itself

        run_app(settings())
        return
    from kratom_quiz.cli.plain import PlainSession
    from kratom_quiz.clock import utc_now

    with open_db() as db:
        _, problems, decks = sync_from_folder(db)
        for line in problems:
            typer.echo(line, err=True)
        if deck is not None and deck not in {d.id for d in decks}:
            known = ", ".join(sorted(d.id for d in decks)) or "none"
            typer.echo(f"kratom-quiz: unknown deck id {deck!r} (known: {known})", err=True)
            raise typer.Exit(2)  # as export does
        who = pick_learner(db, learner, create_default=True)
        presence = _mark_open()
        session = PlainSession(db, who, utc_now, out=typer.echo, decks=decks)
        try:
            session.run(limit=limit, deck_id=deck, practice=practice)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None  # the session printed its summary; 130 as for any Ctrl+C
        finally:
            if presence is not None:
                presence.leave()


def _mark_open() -> Presence | None:
    """Mark this session as open on the database file, and say so when another kratom-quiz already is."""
    from kratom_quiz.storage.presence import Presence
    from kratom_quiz.storage.quick import sqlite_file

    path = sqlite_file(settings().db)
    if path is None:
        return None
    presence = Presence(path)
    if not presence.enter():
        typer.echo(
            "Another kratom-quiz is open on this database: both keep every answer, and undo here takes "
            "back only this session's answers."
        )
    return presence
