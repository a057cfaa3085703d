"""scripts/sample_drafts.py: a seeded random sample of drafts, each with its source sentence, for a judge."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "sample_drafts.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sample_drafts", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cards(text: str) -> list[str]:
    return re.findall(r"^## \d+\. (\S+)$", text, re.M)


def test_sample_is_seeded_and_shows_each_source_sentence(script: ModuleType, tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.md"
    assert script.main([str(FIXTURES), "-n", "3", "--seed", "7", "-o", str(first)]) == 0
    assert script.main([str(FIXTURES), "-n", "3", "--seed", "7", "-o", str(second)]) == 0
    assert script.main([str(FIXTURES), "-n", "3", "--seed", "8", "-o", str(other)]) == 0
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert len(_cards(text)) == 3 and text.count("- source sentence: ") == 3
    assert _cards(text) != _cards(other.read_text(encoding="utf-8"))
    assert "**Explanation:**" in text and "**Prompt:**" in text


def test_sample_holds_every_draft_when_fewer_than_asked(script: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "all.md"
    assert script.main([str(FIXTURES), "-n", "500", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    total = int(re.search(r"^(\d+) of (\d+) drafts", text, re.M).group(2))  # type: ignore[union-attr]
    assert len(_cards(text)) == total > 5


def test_a_folder_without_sources_is_one_line_and_exit_2(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert script.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no .txt source documents" in err
