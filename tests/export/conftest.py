"""Fixtures for the Anki export tests: deck files with every card kind, and fresh Anki collections."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest, ImportCsvRequest
from anki.import_export_pb2 import ImportAnkiPackageOptions

from kratom_quiz.deckfile import load_decks
from kratom_quiz.domain.model import Deck

SHA = "ab" * 32

BASICS = f"""\
id: basics
title: Kratom <basics> & more
version: 2
sources:
  - id: review
    title: "Kratom: a review"
    file: review.txt
    sha256: {SHA}
cards:
  - id: alk-primary
    type: mcq
    prompt: Which alkaloid is <b>most</b> abundant in the leaf?
    choices: [Mitragynine, 7-Hydroxymitragynine, Caffeine & co, Morphine]
    answer: Mitragynine
    rationale:
      Morphine: An opium alkaloid; kratom has none.
    explanation: Mitragynine makes up most of the alkaloid content.
    topic: alkaloids
    evidence: definition
    source: {{doc: review, section: Alkaloids}}
    tags: [core, exam-prep]
  - id: receptors-multi
    type: multi
    prompt: Which receptors does mitragynine act on?
    choices: [Mu-opioid, Adrenergic alpha-2, Insulin]
    answers: [Mu-opioid, Adrenergic alpha-2]
    explanation: Binding studies report opioid and adrenergic activity.
    topic: receptors
    evidence: preclinical
    source: {{doc: review, section: Receptors}}
  - id: fda-approved
    type: truefalse
    prompt: The FDA has approved kratom for treating pain.
    answer: false
    explanation: The FDA has approved no kratom product and has issued warnings.
    topic: regulation
    evidence: regulatory
    source: {{doc: review, section: Regulation}}
  - id: tree-name
    type: typed
    prompt: Kratom comes from which tree (genus)?
    answer: Mitragyna
    accept: [Mitragyna speciosa]
    explanation: Mitragyna speciosa is a tropical tree of Southeast Asia.
    topic: botany
    evidence: definition
    source: {{doc: review, section: Botany}}
  - id: formula-like
    type: basic
    prompt: =HYPERLINK("http://example.invalid")
    back: "+1 is not a dose"
    explanation: |-
      -5 mg is a made-up figure.
      A second line	with a tab.
    topic: safety
    evidence: claim
    source: {{doc: review, section: Safety}}
  - id: alkaloid-cloze
    type: cloze
    prompt: >-
      {{{{c1::Mitragynine}}}} is converted to {{{{c2::7-hydroxymitragynine::a metabolite}}}}
      in the {{{{c3::liver}}}} (& <i>in vitro</i>).
    explanation: Liver enzymes make the more potent metabolite.
    topic: metabolism
    evidence: preclinical
    source: {{doc: review, section: Metabolism}}
"""

SAFETY = f"""\
id: safety
title: Risk awareness
version: 1
sources:
  - id: agency
    title: Agency warning
    file: agency.txt
    sha256: {SHA}
cards:
  - id: withdrawal
    type: basic
    prompt: What can stopping regular kratom use cause?
    back: Withdrawal symptoms.
    explanation: Observational reports describe withdrawal after regular use.
    topic: dependence
    evidence: observational
    source: {{doc: agency, section: Dependence}}
  - id: liver-cloze
    type: cloze
    prompt: Cases of {{{{c1::liver injury}}}} have been reported.
    explanation: Case reports, not trials.
    topic: safety
    evidence: observational
    source: {{doc: agency, section: Liver}}
"""

# What the two decks above must become in Anki: note type -> (notes, cards).
EXPECTED_COUNTS = {
    "Kratom Quiz Multiple choice": (1, 1),
    "Kratom Quiz Multiple answer": (1, 1),
    "Kratom Quiz True or false": (1, 1),
    "Kratom Quiz Typed answer": (1, 1),
    "Kratom Quiz Basic": (2, 2),
    "Kratom Quiz Cloze": (2, 4),
}


def write_decks(folder: Path, basics: str = BASICS, safety: str = SAFETY) -> Path:
    """Write the two deck files into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "basics.yaml").write_text(basics, encoding="utf-8")
    (folder / "safety.yaml").write_text(safety, encoding="utf-8")
    return folder


def load(folder: Path) -> list[Deck]:
    """Load the deck files of ``folder``, failing the test on any problem."""
    result = load_decks([folder])
    assert result.errors == []
    return result.decks


def import_apkg(col: Any, path: Path) -> Any:
    """Import a package the way Anki's import dialog does by default; returns the import log."""
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def import_text(col: Any, path: Path) -> Any:
    """Import a text file with the options Anki reads from its headers; returns the import log."""
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def note_of(col: Any, card_id: str, field: str, text: str) -> Any:
    """The one note whose ``field`` contains ``text``."""
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    ids = [n.id for n in notes if field in n and text in n[field]]
    assert len(ids) == 1, f"{len(ids)} notes with {text!r} in {field} (card {card_id})"
    return col.get_note(ids[0])


def letter_of(note: Any, choice: str) -> str:
    """The letter the exported note shows in front of ``choice`` (options are shuffled per note)."""
    found = re.findall(r"<b>([A-Z])\.</b> ([^<]*)</div>", note["Options"])
    letters = [str(letter) for letter, text in found if text == choice]
    assert len(letters) == 1, f"{choice!r} not among the options {found}"
    return letters[0]


@pytest.fixture(scope="module")
def deck_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A decks folder with two deck files holding every card kind."""
    return write_decks(tmp_path_factory.mktemp("decks"))


@pytest.fixture(scope="module")
def decks(deck_dir: Path) -> list[Deck]:
    """The decks of ``deck_dir``."""
    return load(deck_dir)


@pytest.fixture
def new_collection(tmp_path: Path) -> Iterator[Any]:
    """A fresh, empty Anki collection."""
    col = Collection(str(tmp_path / "fresh.anki2"))
    try:
        yield col
    finally:
        col.close()


@pytest.fixture(scope="module")
def col_with_basics(decks: list[Deck], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A collection with the export of the two decks above imported."""
    from kratom_quiz.exporters.anki import export_apkg

    folder = tmp_path_factory.mktemp("learner")
    export_apkg(decks, folder / "kq.apkg", now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    col = Collection(str(folder / "collection.anki2"))
    import_apkg(col, folder / "kq.apkg")
    try:
        yield col
    finally:
        col.close()
