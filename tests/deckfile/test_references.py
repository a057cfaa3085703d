"""A deck may cite published works by reference: no file, no digest, and a card may cite one as a whole."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kratom_quiz.cli import app
from kratom_quiz.deckfile import load_deck
from kratom_quiz.domain.model import Source, SourceRef

MIXED = """\
id: mixed
title: Mixed sources
version: 1
sources:
  - id: doc
    title: A document
    file: doc.txt
    sha256: "0000000000000000000000000000000000000000000000000000000000000000"
  - id: schimmel-dart-2020
    title: "Kratom (Mitragyna speciosa) liver injury: a comprehensive review"
    authors: [Schimmel J, Dart RC]
    publisher: Drugs
    year: 2020
    doi: 10.1007/s40265-019-01242-6
  - id: fda-kratom
    title: FDA and Kratom
    publisher: U.S. Food and Drug Administration
    url: https://www.fda.gov/news-events/public-health-focus/fda-and-kratom
cards:
  - id: c1
    type: truefalse
    prompt: Kratom has been linked to liver injury.
    answer: true
    explanation: Case reports describe it.
    topic: liver
    evidence: observational
    source: {doc: schimmel-dart-2020}
  - id: c2
    type: truefalse
    prompt: FDA has approved kratom for pain.
    answer: false
    explanation: It has approved no use.
    topic: law
    evidence: regulatory
    source: {doc: fda-kratom, section: Warnings}
  - id: c3
    type: truefalse
    prompt: Kratom is a tree.
    answer: true
    explanation: Because.
    topic: botany
    evidence: definition
    source: {doc: doc, section: Botany}
"""


def test_references_load_next_to_local_documents(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    deck, errors = load_deck(path)
    assert errors == []
    assert deck is not None
    review = deck.source("schimmel-dart-2020")
    assert review == Source(
        "schimmel-dart-2020",
        "Kratom (Mitragyna speciosa) liver injury: a comprehensive review",
        authors=("Schimmel J", "Dart RC"),
        publisher="Drugs",
        year=2020,
        doi="10.1007/s40265-019-01242-6",
    )
    assert review.is_reference
    assert deck.source("doc") is not None and not deck.source("doc").is_reference  # type: ignore[union-attr]
    assert [c.source for c in deck.cards] == [
        SourceRef("schimmel-dart-2020", ""),
        SourceRef("fda-kratom", "Warnings"),
        SourceRef("doc", "Botany"),
    ]


def test_validate_accepts_a_deck_of_references(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    result = CliRunner().invoke(app, ["decks", "validate", str(path)])
    assert result.exit_code == 0, result.output


def test_a_reference_with_a_file_is_read_as_a_document_and_reported(tmp_path: Path) -> None:
    # An author who mixes the two kinds is told what a document still lacks, at the entry's line.
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED.replace("    publisher: Drugs\n", "    publisher: Drugs\n    file: x.pdf\n"))
    result = CliRunner().invoke(app, ["decks", "validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:9:5: missing field 'sources[1].sha256'" in result.stderr
    assert "Traceback" not in result.output
