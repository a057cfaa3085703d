"""``kratom-quiz generate`` end to end: files written, errors as one line, the real sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kratom_quiz.cli import app
from kratom_quiz.deckfile import load_deck
from kratom_quiz.generate.draft import HEADER

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_SOURCES = Path(__file__).resolve().parents[2].parent / "shared" / "sources"
runner = CliRunner()


def _fixture_docs() -> list[str]:
    return [str(FIXTURES / "article_a.txt"), str(FIXTURES / "article_b.txt")]


def test_generate_writes_a_valid_draft(tmp_path: Path) -> None:
    out = tmp_path / "draft-pain.yaml"
    result = runner.invoke(app, ["generate", *_fixture_docs(), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "draft card(s) from 2 document(s)" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    deck, problems = load_deck(out)
    assert problems == []
    assert deck is not None and deck.id == "draft-pain" and len(deck.cards) >= 6
    assert [p.name for p in tmp_path.iterdir()] == ["draft-pain.yaml"]  # no temporary file left behind


def test_generate_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for out in (first, second):
        result = runner.invoke(app, ["generate", *_fixture_docs(), "-o", str(out), "--id", "draft-x"])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()


def test_generate_to_stdout_with_chosen_types() -> None:
    result = runner.invoke(app, ["generate", _fixture_docs()[0], "--types", "cloze", "--id", "draft-a"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(HEADER)
    assert "type: cloze" in result.stdout and "type: mcq" not in result.stdout


def test_missing_document_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["generate", str(missing), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"kratom-quiz: {missing}: no such file\n"
    assert not (tmp_path / "d.yaml").exists()


def test_non_utf8_document_is_named(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Kratom is caf\u00e9 culture.\n".encode("latin-1"))
    result = runner.invoke(app, ["generate", str(latin1), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kratom-quiz: {latin1}: not UTF-8 text (byte 0xe9 at offset 13)")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_bad_card_type_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", _fixture_docs()[0], "--types", "cloze,essay"])
    assert result.exit_code == 2
    assert "unknown card type(s) essay" in result.stderr


def test_refuses_to_overwrite_a_curated_deck(tmp_path: Path) -> None:
    curated = tmp_path / "pharmacology.yaml"
    curated.write_text("id: pharmacology\n", encoding="utf-8")
    result = runner.invoke(app, ["generate", _fixture_docs()[0], "-o", str(curated)])
    assert result.exit_code == 1
    assert "is not a generated draft; use --force" in result.stderr
    assert curated.read_text(encoding="utf-8") == "id: pharmacology\n"
    forced = runner.invoke(app, ["generate", _fixture_docs()[0], "-o", str(curated), "--force"])
    assert forced.exit_code == 0 and curated.read_text(encoding="utf-8").startswith(HEADER)


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="shared source documents not present")
def test_real_sources_make_a_valid_draft_that_passes_the_sources_check(tmp_path: Path) -> None:
    docs = sorted(str(p) for p in SHARED_SOURCES.glob("*.txt"))
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["generate", *docs, "-o", str(out)])
    assert result.exit_code == 0, result.output
    deck, problems = load_deck(out)
    assert problems == []
    assert deck is not None and len(deck.sources) == len(docs)
    assert not any("\u0435" in c.prompt for c in deck.cards)  # the Cyrillic look-alikes were cleaned
    check = runner.invoke(app, ["sources", "check", str(out), "--sources", str(SHARED_SOURCES)])
    assert check.exit_code == 0, check.output
    # The item linter finds nothing to flag, and every draft teaches: a quotation, a why, its evidence.
    lint = runner.invoke(app, ["decks", "lint", str(out)])
    assert lint.exit_code == 0, lint.output
    cards = yaml.safe_load(out.read_text(encoding="utf-8"))["cards"]
    assert all("The article says:" in c["explanation"] and "Evidence:" in c["explanation"] for c in cards)
    assert not any(c["prompt"].startswith("According to the article:") for c in cards)
    # No "trials are needed" sentence is read as a trial, and no claim is drilled as a fact: a claim card
    # keeps the article's hedge or asks what evidence could show the claim.
    assert not any(c["evidence"] == "clinical-trial" for c in cards)
    claims = [c for c in cards if c["evidence"] == "claim"]
    assert all(" may " in c["prompt"] or "citing no study" in c["prompt"] for c in claims)
    # The sources' multi-answer candidates (kratom's "mitragyn-" alkaloids, which neurotransmitters are
    # monoamines) are guessable or trivia, so these four documents give no multi card.
    assert {c["type"] for c in cards} >= {"mcq", "typed", "truefalse"}
    # No template gives more than two cards, and no vendor safety reassurance or open-set typed card.
    shapes = [c["tags"][-1].removesuffix("-false-variant") for c in cards if len(c["tags"]) > 1]
    assert shapes and max(shapes.count(s) for s in shapes) <= 2
    assert not any("limit the risk" in c["prompt"] or "name one" in c["prompt"].casefold() for c in cards)


def test_sources_check_of_fixture_draft(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for doc in _fixture_docs():
        shutil.copy(doc, sources)
    out = tmp_path / "draft.yaml"
    assert runner.invoke(app, ["generate", *_fixture_docs(), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["sources", "check", str(out), "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 1 deck(s)")


def test_max_keeps_that_many_drafts(tmp_path: Path) -> None:
    out = tmp_path / "best.yaml"
    result = runner.invoke(app, ["generate", *_fixture_docs(), "-o", str(out), "--max", "4"])
    assert result.exit_code == 0, result.output
    deck, problems = load_deck(out)
    assert problems == [] and deck is not None and len(deck.cards) == 4
    assert "wrote 4 draft card(s)" in result.stderr
    bad = runner.invoke(app, ["generate", *_fixture_docs(), "--max", "0"])
    assert bad.exit_code == 2 and "--max" in bad.stderr


@pytest.mark.parametrize("wrong_codec", ["cp1252", "latin-1"])
def test_mojibake_is_repaired_not_refused(tmp_path: Path, wrong_codec: str) -> None:
    # UTF-8 text decoded with the wrong code page and saved again: "Kratom\u2019s" becomes "Kratomâ€™s"
    # (cp1252) or "Kratomâ\x80\x99s" (latin-1, with C1 control characters the deck loader refuses).
    text = (
        "Kratom\u2019s Alkaloids\n\nKratom\u2019s main alkaloid, mitragynine, binds to the \u201cmu-opioid "
        "receptor\u201d in the brain of people.\n"
    )
    garbled = text.encode("utf-8").decode(wrong_codec, errors="replace")
    assert garbled.startswith("Kratom\u00e2")
    doc = tmp_path / "garbled.txt"
    doc.write_text(garbled, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["generate", str(doc), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "\u00e2" not in written and "\x80" not in written
    (card,) = yaml.safe_load(written)["cards"]
    assert "The article says: \"Kratom's main alkaloid, mitragynine" in card["explanation"]
    deck, problems = load_deck(out)
    assert problems == [] and deck is not None and deck.cards


def test_a_document_of_vendor_praise_drafts_nothing_and_says_so(tmp_path: Path) -> None:
    doc = tmp_path / "praise.txt"
    doc.write_text(
        "Kratom Wonders\n\nKratom is renowned for its ability to boost energy and mood.\n\n"
        "Consult your doctor before using kratom capsules.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["generate", str(doc), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "no cards drafted" in result.stderr
    assert not (tmp_path / "d.yaml").exists()
