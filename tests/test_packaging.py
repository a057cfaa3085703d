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


def test_project_metadata_declares_license_and_typing() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "Typing :: Typed" in project["classifiers"]
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639: the expression only
    assert "kratom" in project["keywords"]
    assert (REPO / "src" / "kratom_quiz" / "py.typed").is_file()


@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv to build and install")
def test_wheel_and_sdist_install_and_run_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(["uv", "build", "--out-dir", str(dist), "--quiet"], cwd=REPO, check=True, timeout=300)
    wheel = next(dist.glob("kratom_quiz-*.whl"))
    sdist = next(dist.glob("kratom_quiz-*.tar.gz"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kratom_quiz/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text and "Requires-Dist: tzdata" in text
    for artifact in (wheel, sdist):
        venv = tmp_path / f"venv-{artifact.suffix}"
        subprocess.run(["uv", "venv", "--quiet", str(venv)], check=True, timeout=120)
        python = venv / "bin" / "python"
        subprocess.run(
            ["uv", "pip", "install", "--quiet", "--python", str(python), str(artifact)],
            check=True,
            timeout=600,
        )
        result = subprocess.run(
            [str(venv / "bin" / "kratom-quiz"), "--version"], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "kratom-quiz 0.1.0"
        decks = subprocess.run(
            [str(venv / "bin" / "kratom-quiz"), "decks", "validate"],
            capture_output=True,
            text=True,
            check=False,
        )
        bundled = len(list((REPO / "decks").glob("*.yaml")))
        assert decks.returncode == 0, decks.stdout + decks.stderr
        assert decks.stdout.startswith(f"ok: {bundled} deck(s)")
