"""The package as users get it: layers kept apart, sub-commands without Textual, a complete wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kratom_quiz.deckfile.schema import json_schema_text

REPO = Path(__file__).resolve().parents[1]
HEADLESS = [
    "kratom_quiz.domain.model",
    "kratom_quiz.deckfile",
    "kratom_quiz.config",
    "kratom_quiz.cli",
]


def test_committed_json_schema_is_current() -> None:
    committed = (REPO / "schema" / "deck.schema.json").read_text()
    assert committed == json_schema_text(), "run: uv run kratom-quiz schema > schema/deck.schema.json"


def test_bundled_decks_reference_the_schema() -> None:
    for deck in sorted((REPO / "decks").glob("*.yaml")):
        first = deck.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/deck.schema.json", deck.name


def test_layer_contracts_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout and " broken" in result.stdout


def test_sub_commands_never_import_textual() -> None:
    code = f"""
import sys
from typer.testing import CliRunner
for name in {HEADLESS!r}:
    __import__(name)
from kratom_quiz.cli import app
runner = CliRunner()
for args in (["decks", "validate", {str(REPO / "decks")!r}], ["decks", "list"], ["schema"], ["--help"]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, (args, result.output)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(loaded)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_entry_points_print_version() -> None:
    for command in ([sys.executable, "-m", "kratom_quiz", "--version"],):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0
        assert result.stdout.startswith("kratom-quiz ")


def test_bad_flag_is_a_usage_error_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kratom_quiz", "decks", "validate", "--strict"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "No such option: --strict" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv to build the wheel")
def test_wheel_ships_decks_stylesheets_and_the_quick_sql(tmp_path: Path) -> None:
    subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path), "--quiet"], cwd=REPO, check=True, timeout=300
    )
    wheel = next(tmp_path.glob("kratom_quiz-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    decks = {p.name for p in (REPO / "decks").glob("*.yaml")}
    assert decks and {f"kratom_quiz/bundled_decks/{d}" for d in decks} <= names
    stylesheets = {str(p.relative_to(REPO / "src")) for p in (REPO / "src").rglob("*.tcss")}
    assert stylesheets and stylesheets <= names
    assert "kratom_quiz/storage/quick_sql.json" in names  # the first home screen's queries
