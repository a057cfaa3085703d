"""Shell completion, environment variables in --help, whole help lines, one table helper."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kratom_quiz.cli import app
from kratom_quiz.cli.tables import table_lines

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "kratom-quiz"
BUNDLED = ["pharmacology", "risk-awareness", "critical-reading", "risk-evidence"]


def _complete(words: str, cword: int, env: dict[str, str] | None = None) -> list[str]:
    """What Typer's bash completion answers for the command line ``words`` (the protocol bash uses)."""
    full = {**os.environ, **(env or {}), "_KRATOM_QUIZ_COMPLETE": "complete_bash"}
    full.update(COMP_WORDS=words, COMP_CWORD=str(cword))
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True, env=full, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_deck_ids_complete_for_study_and_export() -> None:
    assert _complete("kratom-quiz study --deck ", 3) == BUNDLED
    assert _complete("kratom-quiz study --deck ri", 3) == ["risk-awareness", "risk-evidence"]
    assert _complete("kratom-quiz export anki -d p", 4) == ["pharmacology"]


def test_deck_ids_follow_the_decks_option() -> None:
    valid = REPO / "tests" / "deckfile" / "fixtures" / "valid"
    assert _complete(f"kratom-quiz --decks {valid} study --deck ", 5) == ["sample"]


def test_learner_names_complete(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'kq.db'}"
    for name in ("ana", "bo", "anders"):
        assert CliRunner().invoke(app, ["--db", db, "learners", "add", name]).exit_code == 0
    assert _complete(f"kratom-quiz --db {db} stats --learner an", 5) == ["ana", "anders"]
    assert _complete("kratom-quiz learners remove ", 3, {"KRATOM_QUIZ_DB": db}) == ["ana", "anders", "bo"]
    assert (
        _complete("kratom-quiz study --learner ", 3, {"KRATOM_QUIZ_DB": f"sqlite:///{tmp_path}/none.db"})
        == []
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_completion_in_bash_itself() -> None:
    """The script bash sources from --show-completion completes deck ids in a real bash."""
    made = subprocess.run(
        [str(SCRIPT), "--show-completion", "bash"], capture_output=True, text=True, check=False, timeout=60
    )
    assert made.returncode == 0, made.stderr
    shown = made.stdout
    assert "complete" in shown and "_KRATOM_QUIZ_COMPLETE" in shown
    script = (
        f"export PATH={SCRIPT.parent}:$PATH\n{shown}\n"
        "COMP_WORDS=(kratom-quiz study --deck risk-); COMP_CWORD=3\n"
        "_kratom_quiz_completion kratom-quiz\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False, timeout=60)
    assert result.stdout.split() == ["risk-awareness", "risk-evidence"], result.stderr


def test_environment_variables_are_shown_in_help() -> None:
    result = CliRunner().invoke(app, ["--help"], terminal_width=120)
    assert "[env var: KRATOM_QUIZ_DB]" in result.stdout
    assert "[env var: KRATOM_QUIZ_DECKS]" in result.stdout


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Every command under ``group`` with its full name (Typer's click objects, vendored or not)."""
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if hasattr(command, "commands"):
            found += _commands(command, f"{prefix}{name} ")
    return found


def test_every_command_has_a_whole_help_line() -> None:
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert {"doctor", "decks validate", "export anki", "learners remove"} <= {n for n, _ in commands}
    for name, command in commands:
        assert command.short_help, f"{name} has no short_help"
        assert command.get_short_help_str(limit=60) == command.short_help, name
    for args in (["--help"], ["decks", "--help"], ["export", "--help"], ["learners", "--help"]):
        listing = CliRunner().invoke(app, args, terminal_width=80).stdout.split("Commands:")[1]
        assert listing.strip() and "..." not in listing, listing


def test_one_table_helper_aligns_columns() -> None:
    assert table_lines([("ID", "CARDS"), ("pharmacology", "64"), ("x", "5")], indent="  ") == [
        "  ID            CARDS",
        "  pharmacology  64",
        "  x             5",
    ]
    assert table_lines([]) == []


def test_decks_list_prints_an_aligned_table() -> None:
    lines = CliRunner().invoke(app, ["decks", "list"]).stdout.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "VERSION", "CARDS", "ITEMS"]
    column = lines[0].index("TITLE")
    assert all(line[column - 2 : column] == "  " for line in lines[1:])
