"""Finding titles, headings and sentences in cleaned articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kratom_quiz.generate.documents import SourceDoc, read_source
from kratom_quiz.generate.sections import is_heading, parse, split_sentences

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def article_a() -> SourceDoc:
    return read_source(FIXTURES / "article_a.txt")


@pytest.fixture
def article_b() -> SourceDoc:
    return read_source(FIXTURES / "article_b.txt")


def test_title_and_headings_of_fixture_article(article_a: SourceDoc) -> None:
    doc = article_a.document
    assert doc.title == "Kratom Alkaloids and Receptors: A Reader's Guide"
    # Numbered headings lose their list number; the tagline is gone.
    assert doc.headings == (
        "Kratom Alkaloids and Receptors: A Reader's Guide",
        "Where Kratom Grows",
        "Binding to Opioid Receptors",
        "Studies in Animals",
        "Safety Warnings",
        "Interactions",
    )


def test_sentences_are_filed_under_their_heading(article_a: SourceDoc) -> None:
    by_heading = {s.heading: s.sentences for s in article_a.document.sections if s.heading != "Interactions"}
    assert by_heading["Studies in Animals"] == (
        "In a study in rats, mitragynine reduced pain sensitivity.",
        "Experiments in mice showed that paynantheine has weaker effects than mitragynine.",
    )
    assert article_a.document.sections[0].sentences[0].startswith("Kratom, also known as Mitragyna speciosa")


def test_text_after_a_wide_gap_goes_under_the_title(article_a: SourceDoc) -> None:
    last = article_a.document.sections[-1]
    assert last.heading == article_a.document.title
    assert last.sentences == (
        "Kratom should never be used as a replacement for professional medical advice about chronic pain.",
    )


def test_article_without_blank_lines_questions_bullets_and_labels(article_b: SourceDoc) -> None:
    doc = article_b.document
    assert doc.title == "What Are Mu Receptors?"  # no title line: the first heading stands in
    assert doc.headings == ("What Are Mu Receptors?", "Effects of Kratom on Mood")
    all_sentences = [s for section in doc.sections for s in section.sentences]
    assert not any(s.startswith("- ") or s == "What Are Mu Receptors?" for s in all_sentences)
    mood = next(s for s in doc.sections if s.heading == "Effects of Kratom on Mood")
    # "1. Mood Elevation: ..." keeps its prose, without the number and the label
    assert mood.sentences[0] == "Users often report euphoria after taking kratom."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One is here. Two is there! Three?", ["One is here.", "Two is there!", "Three?"]),
        (
            "The U.S. Food and Drug Administration warned. Then it acted.",
            ["The U.S. Food and Drug Administration warned.", "Then it acted."],
        ),
        (
            "Some alkaloids, e.g. Mitragynine, act fast. Others do not.",
            ["Some alkaloids, e.g. Mitragynine, act fast.", "Others do not."],
        ),
        ('He said "stop." Then left.', ['He said "stop."', "Then left."]),
        ("No final stop", ["No final stop"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Understanding Kratom", True),
        ("1. Binding to Opioid Receptors", True),
        ("What are Mu Receptors?", True),
        ("Mitragynine binds to receptors.", False),
        ("- Overview of the Article", False),
        ("lowercase start is not a title", False),
        ("Kratom " * 20, False),
    ],
)
def test_is_heading(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_parse_without_headings_uses_fallback_title() -> None:
    doc = parse("Kratom is a tree. It grows in Thailand.\n", fallback_title="notes")
    assert doc.title == "notes"
    assert doc.sections[0].heading == "notes"
    assert doc.sections[0].sentences == ("Kratom is a tree.", "It grows in Thailand.")
