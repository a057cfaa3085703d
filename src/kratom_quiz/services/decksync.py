"""Deck files into the store only when they changed; the decks and their terms as the store holds them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kratom_quiz.domain import grading
from kratom_quiz.domain.catalog import DeckHeader
from kratom_quiz.domain.grading import TermIndex
from kratom_quiz.domain.model import Card, Deck
from kratom_quiz.domain.study import SyncReport
from kratom_quiz.filestamps import FileStamp, scan, with_hash
from kratom_quiz.storage import Database, classroom, deckfiles, repository


@dataclass(frozen=True, slots=True)
class DeckRefresh:
    """What a refresh did: whether the files were re-read, the problems found, the sync's counts."""

    read: bool
    errors: list[str] = field(default_factory=list)
    report: SyncReport | None = None


def compare(found: list[FileStamp], stored: dict[str, FileStamp]) -> tuple[bool, list[FileStamp]]:
    """Whether any deck file changed since the last sync, and every file's stamp with its hash.

    A file whose size and mtime are as stored keeps its stored hash unread; one whose size or mtime moved
    is hashed, and counts as changed only if the hash differs too (a ``touch`` re-reads nothing).
    """
    changed = {t.path for t in found} != set(stored) or not found  # no files: load, to report why
    stamps: list[FileStamp] = []
    for t in found:
        old = stored.get(t.path)
        if old is not None and (old.size, old.mtime_ns) == (t.size, t.mtime_ns):
            stamps.append(FileStamp(t.path, t.size, t.mtime_ns, old.sha256))
            continue
        hashed = with_hash(t)
        changed = changed or old is None or hashed.sha256 != old.sha256
        stamps.append(hashed)
    return changed, stamps


def refresh_decks(db: Database, folder: Path) -> DeckRefresh:
    """Re-read and sync the deck files of ``folder`` if one changed (a file that fails archives nothing)."""
    if not db.is_sqlite and not classroom.may_change_decks(db.engine):
        return DeckRefresh(read=False)  # a class's learner or teacher: the owner syncs the decks
    with db.read() as s:
        stored = deckfiles.load_stamps(s)
    changed, stamps = compare(scan(folder), stored)
    if not changed:
        if any(stored[t.path] != t for t in stamps):
            with db.write() as s:
                deckfiles.save_stamps(s, stamps)  # touched, not changed: remember the new mtimes
        return DeckRefresh(read=False)
    # Only now: the loader brings YAML and pydantic (~60 ms on a quiet machine, ~200 ms while the app starts
    # beside it), which an unchanged folder, the usual start, never needs.
    from kratom_quiz.deckfile import load_decks

    loaded = load_decks([folder])
    with db.write() as s:
        report = repository.sync_decks(s, loaded.decks, archive_missing=not loaded.errors)
        deckfiles.save_headers(s, loaded.decks)
        # With a problem, nothing is remembered: the next start reads the files again and says it again.
        deckfiles.save_stamps(s, [] if loaded.errors else stamps)
    return DeckRefresh(read=True, errors=loaded.errors, report=report)


def deck_catalog(db: Database) -> list[DeckHeader]:
    """Every deck the store holds (not archived): title, sources, topics and card count."""
    with db.read() as s:
        return deckfiles.catalog(s)


def stored_cards(db: Database, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Card]:
    """The cards with these (deck id, card id) keys, from the store (for the card browser)."""
    with db.read() as s:
        return deckfiles.cards(s, keys)


def deck_index(db: Database, deck_id: str) -> TermIndex:
    """A deck's term index (its terms and short forms, on the glossary), built from the store's cards."""
    with db.read() as s:
        header = deckfiles.deck_header(s, deck_id)
        cards = deckfiles.deck_cards(s, deck_id)
    accept = header.accept if header is not None else ()
    return grading.deck_index(Deck(id=deck_id, title="", version=0, cards=tuple(cards), accept=accept))
