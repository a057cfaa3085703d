"""An export never replaces the database, a deck file, or any file that is not an earlier export of ours."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kratom_quiz.cli import app

from .conftest import write_decks


def run(decks: Path, db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", f"sqlite:///{db}", "--decks", str(decks), "export", *args])


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    decks = write_decks(tmp_path / "decks")
    db = tmp_path / "q.db"
    assert CliRunner().invoke(app, ["--db", f"sqlite:///{db}", "learners", "add", "ada"]).exit_code == 0
    return decks, db


@pytest.mark.parametrize("kind", ["anki", "csv"])
def test_the_open_database_is_never_replaced(setup: tuple[Path, Path], kind: str) -> None:
    decks, db = setup
    target = db if kind == "csv" else db.with_suffix(".apkg")
    if kind == "anki":
        db.rename(target)
        db = target
    before = db.read_bytes()
    for force in ([], ["--force"]):
        result = run(decks, db, kind, "-o", str(db), *force)
        assert result.exit_code == 1, result.output
        said = f"{db} is the database in use (or one of its files); an export never replaces it"
        assert result.stderr == f"kratom-quiz: {said}\n"
    assert db.read_bytes() == before


def test_a_deck_file_is_never_replaced(setup: tuple[Path, Path]) -> None:
    decks, db = setup
    deck = decks / "basics.yaml"
    before = deck.read_bytes()
    result = run(decks, db, "csv", "-o", str(deck), "--force")
    assert result.exit_code == 1
    assert "is a deck file; an export never replaces it" in result.stderr
    assert deck.read_bytes() == before


@pytest.mark.parametrize(("kind", "name"), [("anki", "notes.apkg"), ("csv", "notes.txt")])
def test_another_file_needs_force(setup: tuple[Path, Path], tmp_path: Path, kind: str, name: str) -> None:
    decks, db = setup
    other = tmp_path / name
    other.write_text("my own notes\n", encoding="utf-8")
    result = run(decks, db, kind, "-o", str(other))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"kratom-quiz: {other} exists and is not a kratom-quiz export; use --force to replace it\n"
    )
    assert other.read_text(encoding="utf-8") == "my own notes\n"
    assert run(decks, db, kind, "-o", str(other), "--force").exit_code == 0
    assert other.read_bytes() != b"my own notes\n"


@pytest.mark.parametrize(("kind", "name"), [("anki", "kq.apkg"), ("csv", "kq.txt")])
def test_an_earlier_export_is_replaced_without_force(
    setup: tuple[Path, Path], tmp_path: Path, kind: str, name: str
) -> None:
    decks, db = setup
    out = tmp_path / name
    assert run(decks, db, kind, "-o", str(out)).exit_code == 0
    again = run(decks, db, kind, "-o", str(out))
    assert again.exit_code == 0, again.output


def test_a_folder_is_refused(setup: tuple[Path, Path], tmp_path: Path) -> None:
    decks, db = setup
    folder = tmp_path / "out.apkg"
    folder.mkdir()
    result = run(decks, db, "anki", "-o", str(folder))
    assert result.exit_code == 1 and "is a folder; give the file name to write" in result.stderr
