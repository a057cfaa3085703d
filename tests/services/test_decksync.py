"""Deck files are re-read only when one changed; studying needs only the store (headers, cards, terms)."""

from __future__ import annotations

import os
from pathlib import Path

from kratom_quiz import services
from kratom_quiz.deckfile import load_decks
from kratom_quiz.domain.grading import deck_index
from kratom_quiz.storage import Database
from tests.tui.conftest import DECK


def folder_with_deck(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "test.yaml").write_text(DECK, encoding="utf-8")
    return folder


def test_files_are_read_once_then_only_when_their_content_changes(db: Database, tmp_path: Path) -> None:
    folder = folder_with_deck(tmp_path)
    first = services.refresh_decks(db, folder)
    assert first.read and first.errors == [] and first.report is not None and first.report.added == 6
    assert not services.refresh_decks(db, folder).read

    path = folder / "test.yaml"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # touched: same bytes
    assert not services.refresh_decks(db, folder).read
    assert not services.refresh_decks(db, folder).read  # the new mtime was remembered: no hashing again

    path.write_text(DECK.replace("title: Test deck", "title: Test deck, edited"), encoding="utf-8")
    assert services.refresh_decks(db, folder).read
    assert [d.title for d in services.deck_catalog(db)] == ["Test deck, edited"]

    (folder / "more.yaml").write_text(DECK.replace("id: testdeck", "id: other"), encoding="utf-8")
    assert services.refresh_decks(db, folder).read  # a new file


def test_a_file_with_a_problem_is_read_and_reported_at_every_start(db: Database, tmp_path: Path) -> None:
    folder = folder_with_deck(tmp_path)
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    for _ in range(2):
        refresh = services.refresh_decks(db, folder)
        assert refresh.read and len(refresh.errors) == 1 and "broken.yaml" in refresh.errors[0]


def test_the_store_alone_gives_headers_cards_and_terms(db: Database, tmp_path: Path) -> None:
    folder = folder_with_deck(tmp_path)
    services.refresh_decks(db, folder)
    (deck,) = load_decks([folder]).decks
    (header,) = services.deck_catalog(db)
    assert (header.id, header.title, header.cards) == ("testdeck", "Test deck", 6)
    assert header.sources == deck.sources
    doc = header.source("doc")
    assert doc is not None and doc.title.startswith("A test document")
    assert header.topics == deck.topics
    stored = services.deck_index(db, "testdeck")
    assert stored.with_terms(frozenset()) is not None
    assert stored == deck_index(deck)
    cards = services.stored_cards(db, [("testdeck", "q-mcq"), ("testdeck", "q-cloze"), ("testdeck", "nope")])
    assert cards == {(c.deck_id, c.id): c for c in deck.cards if c.id in ("q-mcq", "q-cloze")}
