"""Fixtures for service tests: a real store, fuzz off, a fixed clock and small decks built in code.

Every test that takes ``db_url`` / ``db`` runs against a SQLite file and, when ``KRATOM_QUIZ_TEST_PG_URL``
names a PostgreSQL database (``scripts/pg-test.sh run ...`` starts a throwaway one), against PostgreSQL too:
each test there gets a schema of its own, dropped afterwards. A test about SQLite's file itself is marked
``sqlite_only``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

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


PG_URL = os.environ.get("KRATOM_QUIZ_TEST_PG_URL", "")
STORES = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine]:
    """An engine on the test server as its owner, for creating and dropping each test's schema."""
    engine = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(params=STORES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'progress.db'}"
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about the SQLite file itself")
    admin: sa.Engine = request.getfixturevalue("pg_admin")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = sa.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))


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
