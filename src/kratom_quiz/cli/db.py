"""``kratom-quiz db``: check the database file, back it up, and restore a backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kratom_quiz.cli.common import settings

if TYPE_CHECKING:
    from kratom_quiz.storage.backup import BackupInfo

db_app = typer.Typer(help="Check, back up and restore the database file.", no_args_is_help=True)


def _line(info: BackupInfo, n: int) -> str:
    reviews = "unreadable" if info.reviews is None else f"{info.reviews} answers"
    return f"{n:>3}. {info.made.astimezone().strftime('%Y-%m-%d %H:%M')}  {reviews:>14}  {info.path.name}"


@db_app.command("check", short_help="Check the database file and repair what is safe.")
def db_check() -> None:
    """Check the database: integrity, links between tables, study states. Repairs what is safe to repair
    (running it again then finds nothing); a damaged file is left as it is: restore a backup instead.

    Exit 0 when the database is sound (after any repair), 1 when it needs a restore."""
    from kratom_quiz.services import safety

    report = safety.check_database(settings().db)
    for line in report.repaired:
        typer.echo(f"repaired: {line}")
    for line in report.unrepaired:
        typer.echo(f"problem: {line}")
    if report.unrepaired:
        typer.echo(f"{report.path} needs a restore: kratom-quiz db restore", err=True)
        raise typer.Exit(1)
    repaired = f" ({len(report.repaired)} kind(s) of problem repaired)" if report.repaired else ""
    typer.echo(f"ok: {report.path}{repaired}")


@db_app.command("backup", short_help="Make a checked backup of the database now.")
def db_backup() -> None:
    """Make a checked backup of the database now (backups are also made about daily and before upgrades)."""
    from kratom_quiz.clock import utc_now
    from kratom_quiz.services import safety

    info = safety.back_up(settings().db, utc_now(), reason="manual")
    typer.echo(f"backed up {info.reviews} answers to {info.path}")


@db_app.command("restore", short_help="List the backups and put one in place of the database.")
def db_restore(
    backup: Annotated[
        str | None, typer.Argument(help="Its number in the list, or its file (default: the newest).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before restoring.")] = False,
) -> None:
    """Put a backup in place of the database. The file it replaces is kept beside it, never deleted."""
    from kratom_quiz.clock import utc_now
    from kratom_quiz.errors import UserError
    from kratom_quiz.services import safety

    url = settings().db
    found = safety.backups(url)
    if not found:
        raise UserError(f"no backups yet (they are kept in {safety.backups_folder(url)})")
    typer.echo(f"Backups in {safety.backups_folder(url)}, newest first:")
    for n, info in enumerate(found, 1):
        typer.echo(_line(info, n))
    chosen = _choose(backup, found)
    if not yes and not typer.confirm(f"Restore {chosen.name}? The current file is kept aside", default=False):
        typer.echo("Nothing was changed.")
        raise typer.Exit(1)
    info, aside = safety.restore_backup(url, chosen, utc_now())
    kept = f"; the file it replaced is kept as {aside}" if aside else ""
    typer.echo(f"restored {info.path.name} ({info.reviews} answers){kept}")


def _choose(backup: str | None, found: list[BackupInfo]) -> Path:
    from kratom_quiz.errors import UserError

    if backup is None:
        good = [b for b in found if b.reviews is not None]
        if not good:
            raise UserError("no readable backup to restore")
        return good[0].path
    if backup.isdigit():
        n = int(backup)
        if not 1 <= n <= len(found):
            raise UserError(f"no backup number {n} (there are {len(found)})")
        return found[n - 1].path
    path = Path(backup)
    if not path.is_file():
        raise UserError(f"no such backup: {backup}")
    return path
