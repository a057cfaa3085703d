"""``kratom-quiz doctor`` names what this installation uses, and changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kratom_quiz.cli import app
from kratom_quiz.storage.revisions import HEAD_REVISION

VALID = Path(__file__).parents[1] / "deckfile" / "fixtures" / "valid"


def _rows(output: str) -> dict[str, str]:
    rows = {}
    for line in output.splitlines():
        key, _, value = line.partition("  ")
        rows[key.strip()] = value.strip()
    return rows


def test_doctor_on_a_fresh_install_creates_nothing(_isolated_data_dir: Path) -> None:
    result = CliRunner().invoke(app, ["--decks", str(VALID), "doctor"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert rows["kratom-quiz"] == "0.1.0"
    assert "textual " in rows["libraries"] and "tzdata " in rows["libraries"]
    assert rows["data folder"] == str(_isolated_data_dir)
    assert rows["config folder"] == os.environ["KRATOM_QUIZ_CONFIG_DIR"]
    assert rows["log folder"].startswith(os.environ["KRATOM_QUIZ_LOG_DIR"])
    assert rows["database"] == f"sqlite:///{_isolated_data_dir / 'kratom-quiz.db'}"
    assert rows["schema"] == "not created yet (the app makes it on first start)"
    assert rows["decks folder"] == f"{VALID} (1 deck file(s))"
    assert rows["time zone"].startswith("local (")
    assert rows["keymap"].startswith("default keys")
    assert not (_isolated_data_dir / "kratom-quiz.db").exists()


def test_doctor_names_schema_learners_theme_zone_and_keymap(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["learners", "add", "ana"]).exit_code == 0
    config = Path(os.environ["KRATOM_QUIZ_CONFIG_DIR"])
    (config / "keymap.toml").write_text(
        '"study.undo" = "z"\n"study.nope" = "x"\nwhat = 3\n', encoding="utf-8"
    )
    monkeypatch.setenv("TZ", "America/New_York")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert rows["schema"] == f"revision {HEAD_REVISION}"
    assert rows["learner ana"] == "theme textual-dark, time zone local (America/New_York)"
    assert rows["keymap"] == f"{config / 'keymap.toml'}: study.nope = x, study.undo = z"
    problems = [line for line in result.stdout.splitlines() if line.startswith("keymap problem: ")]
    assert problems == [
        f"keymap problem: {config / 'keymap.toml'}: 'what' should be a string of keys",
        f"keymap problem: {config / 'keymap.toml'}: no key has the id 'study.nope', so it was ignored.",
    ]


def test_doctor_hides_a_password_and_reports_an_unreachable_server() -> None:
    url = "postgresql+psycopg://kq:s3cret@127.0.0.1:1/kq"
    result = CliRunner().invoke(app, ["--db", url, "doctor"])
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.stdout
    rows = _rows(result.stdout)
    assert rows["database"] == "postgresql+psycopg://kq:***@127.0.0.1:1/kq"
    assert rows["schema"].startswith("cannot ")


def test_doctor_on_a_damaged_file_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all, just text" * 10)
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{bad}", "doctor"])
    assert result.exit_code == 0
    assert _rows(result.stdout)["schema"] == f"{bad} is not a kratom-quiz database (not an SQLite file)"
