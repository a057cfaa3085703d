"""Every kind of deck mistake gives its exact file:line:column line, exit code 1 and no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kratom_quiz.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))


def expected_lines(path: Path, shown: str) -> list[str]:
    """The '# expect: line:col: message' comments at the top of a fixture, as full error lines."""
    head = path.read_bytes().split(b"\n")
    found = [line.decode().removeprefix("# expect: ") for line in head if line.startswith(b"# expect: ")]
    return [f"{shown}:{line}" for line in found]


def test_there_is_a_fixture_for_each_kind_of_mistake() -> None:
    assert len(BROKEN) >= 20
    assert all(expected_lines(p, "") for p in BROKEN), "every fixture states the line it expects"


@pytest.mark.parametrize("fixture", BROKEN, ids=lambda p: p.stem)
def test_broken_deck_reports_exact_line(fixture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = FIXTURES.parents[2]
    monkeypatch.chdir(root)
    shown = str(fixture.relative_to(root))
    result = CliRunner().invoke(app, ["decks", "validate", shown])
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if not re.search(r"problem\(s\) in", line)]
    assert problems == expected_lines(fixture, shown)
    assert "Traceback" not in result.output


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    deck = (FIXTURES / "valid" / "every-kind.yaml").read_text()
    deck = deck.replace("answer: Mitragynine", "answer: Morphin").replace(
        "evidence: definition", "evidence: x"
    )
    path = tmp_path / "many.yaml"
    path.write_text(deck)
    result = CliRunner().invoke(app, ["decks", "validate", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert len(lines) == 7  # one mcq answer + six cards with a bad evidence level
    assert any("answer 'Morphin' is not one of the choices" in line for line in lines)


def test_valid_deck_passes() -> None:
    result = CliRunner().invoke(app, ["decks", "validate", str(FIXTURES / "valid")])
    assert result.exit_code == 0, result.output
    assert "ok: 1 deck(s), 6 card(s)" in result.stdout


def test_missing_path_is_bad_usage(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["decks", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr
