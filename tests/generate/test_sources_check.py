"""``kratom-quiz sources check``: declared files, their digests and the sections cards cite."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kratom_quiz.cli import app
from kratom_quiz.generate.sources_check import section_key

FIXTURES = Path(__file__).parent / "fixtures"
SHA_A = hashlib.sha256((FIXTURES / "article_a.txt").read_bytes()).hexdigest()
runner = CliRunner()

DECK = """\
id: guide
title: Guide
version: 1
sources:
  - id: guide-a
    title: A reader's guide
    file: article_a.txt
    sha256: {sha}
cards:
  - id: guide-binding
    type: truefalse
    prompt: Mitragynine binds to mu-opioid receptors.
    answer: true
    explanation: The article says so.
    topic: receptors
    evidence: definition
    source: {{doc: guide-a, section: {section}}}
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(FIXTURES / "article_a.txt", folder)
    return folder


Check = Callable[..., Result]


@pytest.fixture
def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources: Path) -> Check:
    """Run the check on a deck whose card cites ``section`` and whose source declares ``sha``."""
    monkeypatch.chdir(tmp_path)  # error lines name the deck relative to the working folder

    def run(section: str, sha: str = SHA_A) -> Result:
        (tmp_path / "deck.yaml").write_text(DECK.format(sha=sha, section=section), encoding="utf-8")
        return runner.invoke(app, ["sources", "check", "deck.yaml", "--sources", str(sources)])

    return run


@pytest.mark.parametrize(
    "section",
    [
        "Binding to Opioid Receptors",
        "1. Binding to Opioid Receptors",
        "binding  to opioid RECEPTORS",
        "Safety Warnings",
    ],
)
def test_good_deck_passes(check: Check, section: str) -> None:
    result = check(section)
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: 1 deck(s), 1 card(s) checked against 1 source(s)\n"


def test_wrong_section_is_reported_with_its_position(check: Check) -> None:
    result = check("Binding to Kappa Receptors")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "deck.yaml:17:37: card 'guide-binding': section 'Binding to Kappa Receptors' not found in guide-a "
        "(article_a.txt)",
        "1 problem(s) in 1 file(s)",
    ]


def test_boilerplate_line_is_no_section(check: Check) -> None:
    result = check("Leave A Reply")
    assert result.exit_code == 1
    assert "section 'Leave A Reply' not found" in result.stderr


def test_wrong_hash_is_reported(check: Check) -> None:
    result = check("Safety Warnings", sha="a" * 64)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"deck.yaml:8:13: source 'guide-a': sha256 of article_a.txt does not match "
        f"(file has {SHA_A[:12]}..., deck says aaaaaaaaaaaa...)"
    )


def test_missing_source_file_is_reported(check: Check, sources: Path) -> None:
    (sources / "article_a.txt").unlink()
    result = check("Safety Warnings")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"deck.yaml:7:11: source 'guide-a': file 'article_a.txt' not found in {sources}",
        "1 problem(s) in 1 file(s)",
    ]


def test_bad_usage_exits_2(tmp_path: Path, sources: Path) -> None:
    no_dir = runner.invoke(app, ["sources", "check", str(FIXTURES), "--sources", str(tmp_path / "nope")])
    assert no_dir.exit_code == 2
    assert no_dir.stderr == f"kratom-quiz: {tmp_path / 'nope'}: no such folder\n"
    no_option = runner.invoke(app, ["sources", "check", str(FIXTURES)])
    assert no_option.exit_code == 2
    no_deck = runner.invoke(app, ["sources", "check", str(tmp_path / "x.yaml"), "--sources", str(sources)])
    assert no_deck.exit_code == 2
    assert "x.yaml: no such file or folder" in no_deck.stderr


def test_invalid_deck_is_a_problem(tmp_path: Path, sources: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n", encoding="utf-8")
    result = runner.invoke(app, ["sources", "check", str(bad), "--sources", str(sources)])
    assert result.exit_code == 1
    assert "missing field 'title'" in result.stderr


def test_section_key_normalises_like_the_generator() -> None:
    assert section_key("  2) The \u201cMu\u201d  Rec\u0435ptor: ") == section_key('The "Mu" Receptor')


REFERENCES = """\
  - id: review
    title: A review
    authors: [Schimmel J, Dart RC]
    year: 2020
    doi: {doi}
    url: {url}
  - id: agency
    title: An agency page
    publisher: U.S. Food and Drug Administration
    url: https://www.fda.gov/kratom
cards:
  - id: guide-liver
    type: truefalse
    prompt: Kratom has been linked to liver injury.
    answer: true
    explanation: Case reports describe it.
    topic: liver
    evidence: observational
    source: {{doc: review}}
"""


def _with_references(tmp_path: Path, doi: str, url: str) -> Path:
    base = DECK.format(sha=SHA_A, section="Safety Warnings")
    head, cards = base.split("cards:\n")
    deck = head + REFERENCES.format(doi=doi, url=url) + cards
    path = tmp_path / "deck.yaml"
    path.write_text(deck, encoding="utf-8")
    return path


def test_references_are_checked_for_form_and_not_fetched(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doi = "10.1007/s40265-019-01242-6"
    _with_references(tmp_path, doi, f"https://doi.org/{doi}")
    result = runner.invoke(app, ["sources", "check", "deck.yaml", "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "ok: 1 deck(s), 2 card(s) checked against 1 source(s) and 2 reference(s) (form only; not fetched)\n"
    )


def test_a_doi_address_naming_another_doi_is_reported(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _with_references(tmp_path, "10.1007/s40265-019-01242-6", "https://doi.org/10.1007/other")
    result = runner.invoke(app, ["sources", "check", "deck.yaml", "--sources", str(sources)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "deck.yaml:14:10: source 'review': url names DOI 10.1007/other, but doi is 10.1007/s40265-019-01242-6"
    )


def test_two_sources_citing_one_work_are_reported(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _with_references(tmp_path, "10.1007/s40265-019-01242-6", "https://www.fda.gov/kratom/")
    result = runner.invoke(app, ["sources", "check", "deck.yaml", "--sources", str(sources)])
    assert result.exit_code == 1
    assert "deck.yaml:18:10: source 'agency': same url as source 'review'" in result.stderr.splitlines()


def test_a_card_may_cite_a_reference_without_a_section(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # There is no text of a reference here to look a section up in; the check does not invent one.
    monkeypatch.chdir(tmp_path)
    path = _with_references(tmp_path, "10.1007/s40265-019-01242-6", "https://example.org/r")
    path.write_text(path.read_text().replace("{doc: review}", "{doc: review, section: Table 2}"))
    result = runner.invoke(app, ["sources", "check", "deck.yaml", "--sources", str(sources)])
    assert result.exit_code == 0, result.output
