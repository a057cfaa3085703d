"""Global options choose the decks folder and database, from flags or the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kratom_quiz.cli import app

VALID = Path(__file__).parent / "deckfile" / "fixtures" / "valid"


def test_decks_flag_chooses_the_folder() -> None:
    result = CliRunner().invoke(app, ["--decks", str(VALID), "decks", "list"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split() == ["sample", "Sample", "deck", "1", "6", "7"]


def test_decks_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRATOM_QUIZ_DECKS", str(VALID))
    result = CliRunner().invoke(app, ["decks", "list"])
    assert "sample" in result.stdout


def test_flag_wins_over_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KRATOM_QUIZ_DECKS", str(tmp_path))
    result = CliRunner().invoke(app, ["--decks", str(VALID), "decks", "validate"])
    assert result.exit_code == 0
    assert "1 deck(s), 6 card(s)" in result.stdout


def test_missing_decks_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--decks", str(tmp_path / "gone"), "decks", "list"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{tmp_path / 'gone'}: no such file or folder"


def test_bundled_decks_are_the_default() -> None:
    result = CliRunner().invoke(app, ["decks", "validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ")


def test_schema_command_prints_json_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert '"title": "kratom-quiz deck"' in result.stdout
