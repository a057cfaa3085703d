"""Fixtures for service tests: a real SQLite file, fuzz off, a fixed clock and small decks built in code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kratom_quiz import services
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef
from kratom_quiz.domain.study import Learner, LearnerSettings
from kratom_quiz.storage import Database

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)  # a Monday at noon UTC, far from DST changes

CardFactory = Callable[..., Card]


def card(
    card_id: str,
    *,
    deck_id: str = "pharm",
    prompt: str | None = None,
    kind: CardKind = CardKind.MCQ,
    topic: str = "alkaloids",
    evidence: Evidence = Evidence.DEFINITION,
) -> Card:
    """A valid card of ``kind`` (mcq by default) with made-up content."""
    extra: dict[str, object] = {}
    if kind is CardKind.MCQ:
        extra = {"choices": ("Mitragynine", "Caffeine", "Morphine"), "answers": ("Mitragynine",)}
    elif kind is CardKind.TYPED:
        extra = {"answers": ("mitragynine",)}
    return Card(
        deck_id=deck_id,
        id=card_id,
        kind=kind,
        prompt=prompt or f"Question {card_id}?",
        explanation=f"Because of {card_id}.",
        topic=topic,
        evidence=evidence,
        source=SourceRef("doc", "Section"),
        **extra,  # type: ignore[arg-type]
    )


def deck(*cards: Card, deck_id: str = "pharm", title: str = "Pharmacology") -> Deck:
    return Deck(id=deck_id, title=title, version=1, cards=tuple(cards))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'progress.db'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = services.open_database(db_url, fuzz=False)
    yield database
    database.close()


@pytest.fixture
def learner(db: Database) -> Learner:
    found = services.add_learner(db, "ada")
    # A fixed zone, so the study day does not depend on the machine running the tests.
    services.save_settings(db, found.id, LearnerSettings(timezone="UTC"))
    return found
