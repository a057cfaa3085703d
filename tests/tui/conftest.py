"""Fixtures for the TUI tests: a deck of every card type in tmp_path, a database file, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kratom_quiz.config import Settings

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

DECK = """\
id: testdeck
title: Test deck
version: 1
sources:
  - id: doc
    title: "A test document [link=https://example.com]x[/link]"
    file: doc.txt
    sha256: ae25ee3afa5f84341389de9f888ed96c2d0004f8e8f7fd97255a4b5bc8eae554
cards:
  - id: q-mcq
    type: mcq
    prompt: Which alkaloid is most abundant in kratom leaf?
    choices: [Mitragynine, 7-Hydroxymitragynine, Caffeine, Morphine]
    answer: Mitragynine
    rationale:
      Morphine: An opium alkaloid; kratom does not contain it.
    explanation: Mitragynine makes up most of the alkaloid content.
    topic: alkaloids
    evidence: definition
    source: {doc: doc, section: Alkaloids}
  - id: q-multi
    type: multi
    prompt: Which receptors does mitragynine act on?
    choices: [Mu-opioid, Adrenergic alpha-2, Insulin, Nicotinic]
    answers: [Mu-opioid, Adrenergic alpha-2]
    explanation: It is a partial mu-opioid agonist and acts on alpha-2 receptors.
    topic: receptors
    evidence: preclinical
    source: {doc: doc, section: Receptors}
  - id: q-tf
    type: truefalse
    prompt: The FDA has approved kratom for treating pain.
    answer: false
    explanation: The FDA has not approved kratom for any medical use.
    topic: regulation
    evidence: regulatory
    source: {doc: doc, section: Regulation}
  - id: q-typed
    type: typed
    prompt: Name the most abundant alkaloid in kratom.
    answer: Mitragynine
    explanation: Mitragynine is the main alkaloid.
    topic: alkaloids
    evidence: definition
    source: {doc: doc, section: Alkaloids}
  - id: q-cloze
    type: cloze
    prompt: "Kratom comes from the leaves of {{c1::Mitragyna speciosa}}, a tree [...] of Southeast Asia."
    explanation: A tropical tree in the coffee family.
    topic: botany
    evidence: definition
    source: {doc: doc, section: Botany}
  - id: q-basic
    type: basic
    prompt: What is 7-hydroxymitragynine?
    back: A minor but potent kratom alkaloid, also formed from mitragynine in the liver.
    explanation: It is present in small amounts in the leaf.
    topic: alkaloids
    evidence: preclinical
    source: {doc: doc, section: Alkaloids}
"""


@pytest.fixture
def decks_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "test.yaml").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path: Path, decks_dir: Path) -> Settings:
    return Settings(db=f"sqlite:///{tmp_path / 'study.db'}", decks=decks_dir)
