"""``kratom-quiz doctor``: what this installation uses, for a bug report or a puzzled user."""

from __future__ import annotations

from pathlib import Path

import typer

from kratom_quiz.cli.common import settings
from kratom_quiz.cli.tables import print_table

PACKAGES = ("textual", "sqlalchemy", "alembic", "typer", "fsrs", "platformdirs", "tzlocal", "tzdata")


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _zone_line(zone: str | None) -> str:
    from kratom_quiz.domain.studyday import local_zone, zone_name

    if zone:
        return zone
    return f"local ({zone_name(local_zone())})"


def unknown_ids(keymap: dict[str, str], where: Path) -> list[str]:
    """A line for each id in ``keymap`` that no binding of the app has (worded as the app words it)."""
    from kratom_quiz.tui.app import KratomQuizApp
    from kratom_quiz.tui.keyids import known_binding_ids

    known = known_binding_ids(KratomQuizApp.BINDINGS)
    return [f"{where}: no key has the id '{i}', so it was ignored." for i in sorted(keymap) if i not in known]


def doctor() -> None:
    """Print the versions, the data, config and log folders, the database in use and its schema
    revision, the decks folder, each learner's theme and time zone, and the keymap in force."""
    import platform
    import sys

    from kratom_quiz import paths
    from kratom_quiz.crash import PREFIX, hide_password
    from kratom_quiz.logs import log_file
    from kratom_quiz.services.doctor import inspect_database
    from kratom_quiz.storage.revisions import HEAD_REVISION
    from kratom_quiz.tui.keymap import KEYMAP_FILE, keymap_path, load_keymap

    run = settings()
    crashes = len(list(paths.log_dir().glob(f"{PREFIX}*.txt"))) if paths.log_dir().is_dir() else 0
    report = inspect_database(run.db)
    if report.problem:
        schema = report.problem
    elif report.revision is None:
        schema = "no kratom-quiz schema yet"
    else:
        newer = "" if report.revision == HEAD_REVISION else f" (this version's is {HEAD_REVISION})"
        schema = f"revision {report.revision}{newer}"
    deck_files = sorted([*run.decks.glob("*.yaml"), *run.decks.glob("*.yml")]) if run.decks.is_dir() else []
    rows: list[tuple[str, str]] = [
        ("kratom-quiz", _version("kratom-quiz")),
        ("python", f"{sys.version.split()[0]} ({platform.python_implementation()}) on {platform.platform()}"),
        ("libraries", ", ".join(f"{name} {_version(name)}" for name in PACKAGES)),
        ("data folder", str(paths.data_dir())),
        ("config folder", str(paths.config_dir())),
        ("log folder", f"{paths.log_dir()} (log file {log_file()}; {crashes} crash report(s))"),
        ("database", hide_password(run.db)),
        ("schema", schema),
        ("decks folder", f"{run.decks} ({len(deck_files)} deck file(s))"),
    ]
    for name, st in report.learners:
        rows.append((f"learner {name}", f"theme {st.theme}, time zone {_zone_line(st.timezone)}"))
    if not report.learners:
        rows.append(("time zone", f"{_zone_line(None)} (no learner yet)"))
    keymap, problems = load_keymap(keymap_path())
    old = paths.data_dir() / KEYMAP_FILE
    if old.is_file():
        problems.insert(0, f"{old}: in the old place; the app moves it to {keymap_path()} when it starts")
    if keymap:
        bindings = ", ".join(f"{key} = {value}" for key, value in sorted(keymap.items()))
        rows.append(("keymap", f"{keymap_path()}: {bindings}"))
        problems += unknown_ids(keymap, keymap_path())
    else:
        rows.append(("keymap", f"default keys (no bindings in {keymap_path()})"))
    print_table(rows)
    for problem in problems:
        typer.echo(f"keymap problem: {problem}")
