"""``kratom-quiz export anki|csv``: exit codes, summary and error lines."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from kratom_quiz.cli import app

from .conftest import BASICS, SAFETY, write_decks


def run(decks: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--decks", str(decks), "export", *args])


def apkg_column(path: Path, column: str) -> list[Any]:
    """One column of every note in a package, read straight from its collection."""
    with zipfile.ZipFile(path) as zf:
        data = zf.read("collection.anki2")
    db = path.with_suffix(f".{column}.anki2")
    db.write_bytes(data)
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(f"select {column} from notes")]


def apkg_notes(path: Path) -> list[str]:
    """The first field of every note in a package."""
    return [str(fields).split("\x1f")[0] for fields in apkg_column(path, "flds")]


def test_export_anki_writes_every_deck_and_prints_a_summary(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kq.apkg"
    result = run(deck_dir, "anki", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"exported 2 deck(s): 8 notes, 10 cards to {out}"
    assert len(apkg_notes(out)) == 8


def test_export_anki_of_one_deck(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "safety.apkg"
    result = run(deck_dir, "anki", "--deck", "safety", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "1 deck(s): 2 notes, 2 cards" in result.stdout
    assert apkg_notes(out)[0] == "What can stopping regular kratom use cause?"


def test_export_csv_writes_the_text_format(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kq.txt"
    result = run(deck_dir, "csv", "-d", "basics", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"exported 1 deck(s): 6 notes, 8 cards to {out}"
    assert out.read_text(encoding="utf-8").startswith("#separator:tab\n")


@pytest.mark.parametrize("command", ["anki", "csv"])
def test_unknown_deck_lists_the_known_ids(command: str, deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kq.apkg"
    result = run(deck_dir, command, "--deck", "basics", "--deck", "nope", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == "kratom-quiz: unknown deck id 'nope' (known: basics, safety)\n"
    assert not out.exists()


def test_invalid_deck_files_print_their_errors(tmp_path: Path) -> None:
    broken = BASICS.replace("answer: Mitragynine", "answer: Kratomine")
    folder = write_decks(tmp_path / "decks", broken, SAFETY)
    out = tmp_path / "kq.apkg"
    result = run(folder, "anki", "-o", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any("basics.yaml:" in line and "'Kratomine' is not one of the choices" in line for line in lines)
    assert lines[-1] == "kratom-quiz: 1 problem(s) in deck files; nothing exported"
    assert not out.exists()


def test_unwritable_output_is_one_line(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "kq.txt"
    result = run(deck_dir, "csv", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"kratom-quiz: no such folder: {out.parent}\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_apkg_output_must_end_in_apkg(deck_dir: Path, tmp_path: Path) -> None:
    result = run(deck_dir, "anki", "-o", str(tmp_path / "kq.zip"))
    assert result.exit_code == 2
    assert "must end in .apkg" in result.stderr


def test_export_needs_an_output(deck_dir: Path) -> None:
    result = run(deck_dir, "anki")
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_export_commands_never_import_textual(deck_dir: Path, tmp_path: Path) -> None:
    code = f"""
import sys
import time
from typer.testing import CliRunner
from kratom_quiz.cli import app
for args in (["anki", "-o", {str(tmp_path / "kq.apkg")!r}], ["csv", "-o", {str(tmp_path / "kq.txt")!r}]):
    result = CliRunner().invoke(app, ["--decks", {str(deck_dir)!r}, "export", *args])
    assert result.exit_code == 0, (args, result.output)
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "kq.apkg").exists() and (tmp_path / "kq.txt").exists()


def test_a_second_export_of_unchanged_decks_keeps_every_note_time(deck_dir: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert run(deck_dir, "anki", "-o", str(first)).exit_code == 0
    ledger = Path(os.environ["KRATOM_QUIZ_DATA_DIR"]) / "anki-export-stamps.json"
    assert ledger.is_file()
    time.sleep(1.1)
    assert run(deck_dir, "anki", "-o", str(second)).exit_code == 0
    assert apkg_column(second, "mod") == apkg_column(first, "mod")
