"""Deck files as last synced (their stamps), deck sources, and each deck's header and terms from the store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from kratom_quiz.domain.catalog import DeckHeader
from kratom_quiz.domain.model import Card, Deck, Source
from kratom_quiz.filestamps import FileStamp
from kratom_quiz.storage.cardjson import card_from_json
from kratom_quiz.storage.models import DeckFileRow, DeckHeaderRow, DeckRow, ItemRow

_SOURCE_FIELDS = frozenset(f.name for f in fields(Source))


def load_stamps(s: Session) -> dict[str, FileStamp]:
    """Path → stamp of every deck file as last synced."""
    rows = s.execute(select(DeckFileRow.path, DeckFileRow.size, DeckFileRow.mtime_ns, DeckFileRow.sha256))
    return {path: FileStamp(path, size, mtime, sha) for path, size, mtime, sha in rows}


def save_stamps(s: Session, stamps: Sequence[FileStamp]) -> None:
    """Replace the stored stamps with ``stamps`` (each with its hash)."""
    s.execute(delete(DeckFileRow))
    if stamps:
        s.execute(
            insert(DeckFileRow),
            [{"path": t.path, "size": t.size, "mtime_ns": t.mtime_ns, "sha256": t.sha256} for t in stamps],
        )


def save_headers(s: Session, decks: Sequence[Deck]) -> None:
    """Keep each deck's sources and short forms in the store, so studying needs no deck file."""
    if decks:
        rows = [
            {
                "deck_id": d.id,
                "header_json": json.dumps({"sources": [asdict(x) for x in d.sources], "accept": d.accept}),
            }
            for d in decks
        ]
        s.execute(delete(DeckHeaderRow).where(DeckHeaderRow.deck_id.in_([d.id for d in decks])))
        s.execute(insert(DeckHeaderRow), rows)


def _header(text: str | None) -> tuple[tuple[Source, ...], tuple[tuple[str, ...], ...]]:
    """The sources and short forms ``save_headers`` stored (none for a deck synced before it existed)."""
    if not text:
        return (), ()
    data = json.loads(text)
    sources: list[Source] = []
    for d in data.get("sources", ()):
        kept: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in d.items() if k in _SOURCE_FIELDS
        }
        sources.append(Source(**kept))
    return tuple(sources), tuple(tuple(group) for group in data.get("accept", ()))


def catalog(s: Session) -> list[DeckHeader]:
    """Every deck in the store that is not archived, with its sources, topics and card count."""
    live = ItemRow.archived.is_(False)
    topics: dict[str, list[str]] = {}
    for deck_id, topic in s.execute(
        select(ItemRow.deck_id, ItemRow.topic).where(live).group_by(ItemRow.deck_id, ItemRow.topic)
        .order_by(ItemRow.deck_id, func.min(ItemRow.id))
    ):  # fmt: skip
        topics.setdefault(deck_id, []).append(topic)
    counted = select(ItemRow.deck_id, func.count(func.distinct(ItemRow.card_id))).where(live)
    counts = {deck_id: n for deck_id, n in s.execute(counted.group_by(ItemRow.deck_id))}
    rows = s.execute(
        select(DeckRow.id, DeckRow.title, DeckHeaderRow.header_json)
        .outerjoin(DeckHeaderRow, DeckHeaderRow.deck_id == DeckRow.id)
        .where(DeckRow.archived.is_(False))
        .order_by(DeckRow.id)
    )
    headers: list[DeckHeader] = []
    for deck_id, title, header in rows:
        sources, accept = _header(header)
        headers.append(
            DeckHeader(
                deck_id, title, sources, tuple(topics.get(deck_id, ())), counts.get(deck_id, 0), accept
            )
        )
    return headers


def cards(s: Session, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Card]:
    """The cards with these (deck id, card id) keys, as the store holds them."""
    wanted = set(keys)
    found: dict[tuple[str, str], Card] = {}
    for deck_id in {d for d, _ in wanted}:
        ids = [c for d, c in wanted if d == deck_id]
        for i in range(0, len(ids), 500):  # SQLite limits the number of bound values
            rows = s.execute(
                select(ItemRow.card_id, ItemRow.card_json)
                .where(ItemRow.deck_id == deck_id, ItemRow.card_id.in_(ids[i : i + 500]))
            )  # fmt: skip
            for card_id, text in rows:
                found.setdefault((deck_id, card_id), card_from_json(deck_id, card_id, text))
    return found


def deck_cards(s: Session, deck_id: str) -> list[Card]:
    """A deck's cards as the store holds them (not archived), each once."""
    rows = s.execute(
        select(ItemRow.card_id, ItemRow.card_json).where(
            ItemRow.deck_id == deck_id, ItemRow.archived.is_(False)
        )
    )
    found: dict[str, Card] = {}  # a cloze card has one item per deletion, all with the same content
    for card_id, text in rows:
        if card_id not in found:
            found[card_id] = card_from_json(deck_id, card_id, text)
    return list(found.values())


def deck_header(s: Session, deck_id: str) -> DeckHeader | None:
    """One deck's header (with no topics or count), or None."""
    row = s.execute(
        select(DeckRow.title, DeckHeaderRow.header_json)
        .outerjoin(DeckHeaderRow, DeckHeaderRow.deck_id == DeckRow.id)
        .where(DeckRow.id == deck_id)
    ).first()
    if row is None:
        return None
    sources, accept = _header(row[1])
    return DeckHeader(deck_id, row[0], sources, (), 0, accept)
