"""`kratom-quiz decks lint`: each rule fires on its fixture at the exact place, lint-ignore silences it,
and the exit code tells a CI script what happened (0 clean, 1 findings, 2 bad usage)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kratom_quiz.cli import app
from kratom_quiz.domain.itemlint import CODES, card_hits
from kratom_quiz.domain.itemlint_pairs import DUPLICATE_SIMILARITY, similarity
from kratom_quiz.domain.model import Card, CardKind, Evidence, SourceRef

LINT = Path(__file__).parent / "fixtures" / "lint"
FIXTURES = sorted(LINT.glob("kq*.yaml"))
CLEAN = LINT / "clean.yaml"


def lint(*args: str | Path) -> Result:
    return CliRunner().invoke(app, ["decks", "lint", *map(str, args)])


def expected(path: Path) -> list[str]:
    """The '# expect: line:col: CODE' comments at the top of a fixture."""
    return [
        line.removeprefix("# expect: ")
        for line in path.read_text().splitlines()
        if line.startswith("# expect")
    ]


def found(result: Result, path: Path) -> list[str]:
    """Each finding on ``path`` (shown relative to the working folder when under it) as 'line:col: CODE'."""
    pattern = re.compile(r"(?:.*/)?" + re.escape(path.name) + r":(\d+):(\d+): (KQ\d{3}) ")
    return [f"{m[1]}:{m[2]}: {m[3]}" for m in map(pattern.match, result.stdout.splitlines()) if m]


def with_ignore(text: str, code: str, only: str | None = None) -> str:
    """The deck text with `lint-ignore: [code]` on every card (or only on card ``only``)."""
    out, in_cards = [], False
    for line in text.splitlines(keepends=True):
        out.append(line)
        in_cards = in_cards or line.startswith("cards:")
        if in_cards and line.startswith("  - id: ") and (only is None or line.strip() == f"- id: {only}"):
            out.append(f"    lint-ignore: [{code}]\n")
    return "".join(out)


def test_every_code_has_a_fixture_that_triggers_it() -> None:
    triggered = {line.split()[-1] for f in FIXTURES for line in expected(f)}
    assert triggered == set(CODES)
    assert {f.name[:5].upper() for f in FIXTURES} == set(CODES)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_reports_its_code_at_the_exact_place(fixture: Path) -> None:
    result = lint(fixture)
    assert result.exit_code == 1, result.output
    assert found(result, fixture) == expected(fixture)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_lint_ignore_silences_the_code(fixture: Path, tmp_path: Path) -> None:
    code = fixture.name[:5].upper()
    path = tmp_path / fixture.name
    path.write_text(with_ignore(fixture.read_text(), code))
    result = lint(path)
    assert result.exit_code == 0, result.output
    assert "ok: no findings" in result.stdout


@pytest.mark.parametrize("card", ["k302-mcq", "k302-cloze"])
def test_a_pair_finding_is_silenced_by_either_card(card: str, tmp_path: Path) -> None:
    path = tmp_path / "pair.yaml"
    path.write_text(with_ignore((LINT / "kq302-giveaway.yaml").read_text(), "KQ302", only=card))
    assert lint(path).exit_code == 0


def test_ignoring_another_code_does_not_silence(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text(with_ignore((LINT / "kq101-key-longest.yaml").read_text(), "KQ103"))
    assert found(lint(path), path) == ["15:15: KQ101"]  # one line lower: the inserted lint-ignore


def test_declaring_cards_related_clears_the_giveaway(tmp_path: Path) -> None:
    text = (
        (LINT / "kq302-giveaway.yaml")
        .read_text()
        .replace("  - id: k302-cloze\n", "  - id: k302-cloze\n    related: [k302-mcq]\n")
    )
    path = tmp_path / "related.yaml"
    path.write_text(text)
    assert lint(path).exit_code == 0


def test_clean_deck_passes() -> None:
    result = lint(CLEAN)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ok: no findings in 4 card(s) of 1 file(s)"


def test_default_is_the_decks_folder_in_use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copy(LINT / "kq201-absolute.yaml", tmp_path)
    monkeypatch.setenv("KRATOM_QUIZ_DECKS", str(tmp_path))
    result = CliRunner().invoke(app, ["decks", "lint"])
    assert result.exit_code == 1
    assert " KQ201 " in result.stdout


def test_near_duplicates_are_found_across_files(tmp_path: Path) -> None:
    text = (LINT / "kq301-duplicate.yaml").read_text()
    first, second = text.split("  - id: k301-b\n")
    header = first.split("cards:\n")[0]
    (tmp_path / "a.yaml").write_text(first)
    (tmp_path / "b.yaml").write_text(
        header.replace("id: kq301-duplicate", "id: other") + "cards:\n  - id: k301-b\n" + second
    )
    result = lint(tmp_path)
    assert result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if " KQ301 " in x]
    assert re.match(r".*b\.yaml:\d+:\d+: KQ301 card 'k301-b': .*\(.*a\.yaml:11;", line)


def test_invalid_deck_reports_validation_errors_first_and_lints_the_rest(tmp_path: Path) -> None:
    shutil.copy(LINT / "kq201-absolute.yaml", tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(CLEAN.read_text().replace("evidence: definition", "evidence: rumour", 1))
    result = lint(tmp_path)
    assert result.exit_code == 1
    assert re.search(r"b\.yaml:\d+:\d+: card 'c-mcq': .*evidence", result.stderr)
    assert " KQ201 " in result.stdout


def test_lint_ignore_takes_only_lint_codes(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(with_ignore(CLEAN.read_text(), "E501", only="c-tf"))
    result = lint(path)
    assert result.exit_code == 1
    assert "lint-ignore" in result.stderr


def test_select_and_ignore_choose_codes() -> None:
    fixture = LINT / "kq101-key-longest.yaml"
    assert lint(fixture, "--select", "KQ103,KQ201").exit_code == 0
    assert lint(fixture, "--ignore", "kq101").exit_code == 0
    assert lint(fixture, "--select", "KQ101").exit_code == 1


@pytest.mark.parametrize(
    "args", [["no-such-folder"], ["--select", "KQ999", str(CLEAN)], ["--ignore", "E501", str(CLEAN)]]
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    result = lint(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and result.stderr.startswith("kratom-quiz: ")


def test_similarity_separates_a_rewording_from_a_different_fact() -> None:
    a = "kratom leaf comes from a tree in the coffee family, rubiaceae."
    assert similarity(a, a) == 1.0
    assert (
        similarity(a, "kratom leaves come from a tree of the coffee family (rubiaceae).")
        >= DUPLICATE_SIMILARITY
    )
    assert similarity(a, "mitragynine is the most abundant alkaloid of the leaf.") < DUPLICATE_SIMILARITY


def _card(kind: CardKind, prompt: str, explanation: str = "x" * 200, **extra: object) -> Card:
    return Card(
        deck_id="d", id="c", kind=kind, prompt=prompt, explanation=explanation, topic="t",
        evidence=Evidence.DEFINITION, source=SourceRef("doc", "S"), **extra,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("A product sold as 7-OH tablets.", False),
        ("Mitragynine inhibits CYP2D6 and CYP3A4.", False),
        ("Three of the four articles say so; 100% of them cite nothing.", False),
        ("Taken as 2-5 g of powder.", True),
        ("About two teaspoons.", True),
        ("A 500mg capsule.", True),
        ("Three doses per day.", True),
    ],
)
def test_dose_like_amounts(text: str, dose: bool) -> None:
    codes = [h.code for h in card_hits(_card(CardKind.BASIC, "Q?", back=text))]
    assert ("KQ501" in codes) is dose


@pytest.mark.parametrize(
    ("prompt", "flagged"),
    [
        ("Which of these is not an alkaloid of kratom?", True),
        ("Which of these is NOT an alkaloid of kratom?", False),
        ("A survey did not include a control group. What kind of evidence is it?", False),
        ("Which receptor is least affected?", True),
    ],
)
def test_negative_stem_is_judged_on_the_question(prompt: str, flagged: bool) -> None:
    card = _card(CardKind.MCQ, prompt, choices=("A", "B"), answers=("A",))
    assert ("KQ203" in [h.code for h in card_hits(card)]) is flagged


def test_readme_documents_every_code() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert {code for code in CODES if f"| {code} | " in readme} == set(CODES)
