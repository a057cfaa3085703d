"""Cleaning scraped text: look-alike letters, odd spaces and quotes, web page boilerplate."""

from __future__ import annotations

from pathlib import Path

from kratom_quiz.generate.clean import clean, fix_lookalikes, is_boilerplate, normalise

FIXTURES = Path(__file__).parent / "fixtures"

CYRILLIC_E = "\u0435"
NBSP = "\u00a0"


def test_lookalike_letters_become_latin_inside_latin_words() -> None:
    assert fix_lookalikes(f"div{CYRILLIC_E}rs{CYRILLIC_E} rang{CYRILLIC_E}") == "diverse range"
    # Greek omicron and Cyrillic capital A inside English words
    assert fix_lookalikes("\u03bfpioid \u0410lkaloid") == "opioid Alkaloid"


def test_words_wholly_in_another_script_are_kept() -> None:
    assert fix_lookalikes("\u03bc-opioid and \u043a\u0440\u0430\u0442\u043e\u043c") == (
        "\u03bc-opioid and \u043a\u0440\u0430\u0442\u043e\u043c"
    )


def test_normalise_spaces_quotes_and_invisible_characters() -> None:
    text = f"Kratom\u2019s  \u201cpartial{NBSP}agonist\u201d\u200b label\u00ad \t\nnext "
    assert normalise(text) == 'Kratom\'s "partial agonist" label\nnext'


def test_clean_fixture_drops_boilerplate_and_comment_form() -> None:
    text = clean((FIXTURES / "article_a.txt").read_text(encoding="utf-8"))
    assert "Discover the Difference" not in text
    assert "Leave A Reply" not in text
    assert "email address" not in text
    assert "Save my name" not in text
    assert "Share this" not in text and "Facebook" not in text
    assert not any(ord(ch) > 127 for ch in text)  # no Cyrillic, no NBSP, no curly quotes left
    assert "diverse range of vein colors" in text
    assert text.startswith("Kratom Alkaloids and Receptors: A Reader's Guide\n")
    assert text.endswith("professional medical advice about chronic pain.\n")


def test_boilerplate_lines_are_recognised_but_article_lines_are_not() -> None:
    for line in ("Required fields are marked *", "Comment *", "Share on X", "Discover the Difference"):
        assert is_boilerplate(line), line
    for line in ("Safety Warnings", "Kratom may interact with alcohol.", "Share of users reporting nausea"):
        assert not is_boilerplate(line), line
