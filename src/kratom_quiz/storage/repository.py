"""Learners, their settings and FSRS weights, and deck sync: reads and writes inside a caller's session."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, literal, select, true, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kratom_quiz.domain.model import Card, Deck
from kratom_quiz.domain.study import CardState, Learner, LearnerSettings, SyncReport
from kratom_quiz.errors import UserError
from kratom_quiz.storage.cardjson import card_json_and_hash
from kratom_quiz.storage.hot import run_many
from kratom_quiz.storage.models import DeckRow, ItemRow, LearnerRow, ParametersRow, SettingsRow, StateRow

LEARNERS = select(LearnerRow.id, LearnerRow.name).order_by(LearnerRow.name)


def list_learners(s: Session) -> list[Learner]:
    return [Learner(id_, name) for id_, name in s.connection().execute(LEARNERS)]


def find_learner(s: Session, name: str) -> Learner | None:
    """The learner of that name, compared without case ("Sam" is "sam"); the exact name first."""
    row = s.scalar(select(LearnerRow).where(LearnerRow.name == name))
    if row is None:
        # Casefolded in Python: SQL's lower() folds ASCII only. A handful of learners, so all are read.
        folded = name.casefold()
        row = next((r for r in s.scalars(select(LearnerRow)) if r.name.casefold() == folded), None)
    return None if row is None else Learner(row.id, row.name)


def _refuse_taken(s: Session, name: str, *, but: int | None = None) -> None:
    """Refuse a name another learner has, compared without case: "Ada" and "ada" would be one person to
    every command that finds a learner by name (and one login role in a class)."""
    other = find_learner(s, name)
    if other is not None and other.id != but:
        how = "" if other.name == name else " (names are compared without case)"
        raise UserError(f"a learner named {other.name!r} already exists{how}")


def get_learner(s: Session, learner_id: int) -> Learner:
    row = s.get(LearnerRow, learner_id)
    if row is None:
        raise UserError(f"no learner with id {learner_id}")
    return Learner(row.id, row.name)


def add_learner(s: Session, name: str, now: datetime) -> Learner:
    """A new learner with default settings and every current item new."""
    _refuse_taken(s, name)
    row = LearnerRow(name=name, created_at=now)
    s.add(row)
    s.flush()
    s.add(_settings_row(row.id, LearnerSettings()))
    _add_new_states(s, learner_ids=[row.id], min_item_id=0)
    return Learner(row.id, row.name)


def rename_learner(s: Session, learner_id: int, new_name: str) -> Learner:
    row = s.get(LearnerRow, learner_id)
    if row is None:
        raise UserError(f"no learner with id {learner_id}")
    _refuse_taken(s, new_name, but=learner_id)
    row.name = new_name
    try:
        s.flush()
    except IntegrityError as exc:  # a concurrent rename won the race
        raise UserError(f"a learner named {new_name!r} already exists") from exc
    return Learner(row.id, row.name)


def remove_learner(s: Session, learner_id: int) -> None:
    """Delete a learner with all their progress and history (cascades through the foreign keys)."""
    if s.get(LearnerRow, learner_id) is None:
        raise UserError(f"no learner with id {learner_id}")
    s.execute(delete(LearnerRow).where(LearnerRow.id == learner_id))


def get_settings(s: Session, learner_id: int) -> LearnerSettings:
    row = s.get(SettingsRow, learner_id)
    if row is None:
        get_learner(s, learner_id)  # raises for an unknown learner
        return LearnerSettings()
    return _settings(row)


def _settings(row: Any) -> LearnerSettings:
    """Settings from a settings row, or from a result row with the same column names."""
    return LearnerSettings(
        desired_retention=row.desired_retention,
        new_per_day=row.new_per_day,
        reviews_per_day=row.reviews_per_day,
        day_start_hour=row.day_start_hour,
        theme=row.theme,
        timezone=row.timezone,
    )


def settings_from(values: dict[str, Any]) -> LearnerSettings:
    """Settings from a mapping of the settings columns (a driver row read by name)."""
    return LearnerSettings(**{f.name: values[f.name] for f in fields(LearnerSettings)})


SETTINGS_COLUMNS = (
    SettingsRow.desired_retention,
    SettingsRow.new_per_day,
    SettingsRow.reviews_per_day,
    SettingsRow.day_start_hour,
    SettingsRow.theme,
    SettingsRow.timezone,
)
"""The columns ``settings_from`` reads, by name."""

SETTINGS_AND_PARAMETERS = (
    select(
        LearnerRow.id,
        SettingsRow.learner_id,
        *SETTINGS_COLUMNS,
        ParametersRow.parameters,
    )
    .outerjoin(SettingsRow, SettingsRow.learner_id == LearnerRow.id)
    .outerjoin(ParametersRow, ParametersRow.learner_id == LearnerRow.id)
    .where(LearnerRow.id == bindparam("learner_id"))
)


def settings_and_parameters(s: Session, learner_id: int) -> tuple[LearnerSettings, tuple[float, ...] | None]:
    """The learner's settings and fitted FSRS weights (None for the defaults), in one query.

    Every use case that schedules or counts needs both; this is on the path of each card shown.
    """
    row = s.connection().execute(SETTINGS_AND_PARAMETERS, {"learner_id": learner_id}).first()
    if row is None:
        raise UserError(f"no learner with id {learner_id}")
    settings = LearnerSettings() if row.learner_id is None else _settings(row)
    parameters = None if row.parameters is None else tuple(json.loads(row.parameters))
    return settings, parameters


def save_settings(s: Session, learner_id: int, settings: LearnerSettings) -> None:
    get_learner(s, learner_id)
    s.merge(_settings_row(learner_id, settings))


def _settings_row(learner_id: int, st: LearnerSettings) -> SettingsRow:
    return SettingsRow(
        learner_id=learner_id,
        desired_retention=st.desired_retention,
        new_per_day=st.new_per_day,
        reviews_per_day=st.reviews_per_day,
        day_start_hour=st.day_start_hour,
        theme=st.theme,
        timezone=st.timezone,
    )


def get_parameters(s: Session, learner_id: int) -> tuple[float, ...] | None:
    """The learner's fitted FSRS weights, or None for the defaults."""
    row = s.get(ParametersRow, learner_id)
    return None if row is None else tuple(json.loads(row.parameters))


def save_parameters(
    s: Session,
    learner_id: int,
    parameters: Sequence[float],
    *,
    now: datetime,
    reviews: int,
    log_loss: float,
    rmse: float,
) -> None:
    s.merge(
        ParametersRow(
            learner_id=learner_id,
            parameters=json.dumps(list(parameters)),
            fitted_at=now,
            review_count=reviews,
            log_loss=log_loss,
            rmse=rmse,
        )
    )


def _add_new_states(s: Session, *, learner_ids: Sequence[int] | None, min_item_id: int) -> None:
    """Give the learners (all when None) a 'new' state row for every item with id > ``min_item_id``."""
    learners = select(LearnerRow.id)
    if learner_ids is not None:
        learners = learners.where(LearnerRow.id.in_(learner_ids))
    lsub = learners.subquery()
    source = (
        select(
            lsub.c.id,
            ItemRow.id,
            ItemRow.deck_id,
            literal(CardState.NEW.value),
            literal(0),
            literal(0),
            literal(False),
            literal(False),
        )
        .join(ItemRow, true())
        .where(ItemRow.id > min_item_id)
    )
    s.execute(
        insert(StateRow).from_select(
            ["learner_id", "item_id", "deck_id", "state", "reps", "lapses", "suspended", "leech"], source
        )
    )


_BATCH = 5000
# Core statements run with the driver's executemany (storage.hot): the ORM's bulk insert spent more time
# collecting its parameters than SQLite spent writing the rows.
_ITEM_COLUMNS = ("content_hash", "kind", "topic", "evidence", "prompt", "card_json", "archived")
_ITEMS = cast(Table, ItemRow.__table__)
_INSERT_ITEM = insert(_ITEMS).values(
    {c: bindparam(f"v_{c}") for c in ("deck_id", "card_id", "ordinal", *_ITEM_COLUMNS)}
)
_UPDATE_ITEM = (
    update(_ITEMS)
    .where(_ITEMS.c.id == bindparam("b_id"))
    .values({c: bindparam(f"v_{c}") for c in _ITEM_COLUMNS})
)


def sync_decks(s: Session, decks: Sequence[Deck], *, archive_missing: bool = True) -> SyncReport:
    """Upsert decks and their items by stable id; archive what left the files, restore what came back."""
    added = updated = archived = restored = unchanged = 0
    deck_rows = {r.id: r for r in s.scalars(select(DeckRow))}
    seen_decks = set()
    for deck in decks:
        seen_decks.add(deck.id)
        row = deck_rows.get(deck.id)
        if row is None:
            s.add(
                DeckRow(
                    id=deck.id,
                    title=deck.title,
                    version=deck.version,
                    description=deck.description,
                    path=deck.path,
                    archived=False,
                )
            )
        else:
            row.title, row.version, row.description = deck.title, deck.version, deck.description
            row.path, row.archived = deck.path, False
    s.flush()
    existing = {
        (r.deck_id, r.card_id, r.ordinal): (r.id, r.content_hash, r.archived)
        for r in s.execute(
            select(
                ItemRow.id,
                ItemRow.deck_id,
                ItemRow.card_id,
                ItemRow.ordinal,
                ItemRow.content_hash,
                ItemRow.archived,
            ).where(ItemRow.deck_id.in_(seen_decks))
        )
    }
    max_before = s.scalar(select(func.coalesce(func.max(ItemRow.id), 0))) or 0
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    present: set[tuple[str, str, int]] = set()
    for deck in decks:
        for card in deck.cards:
            text, digest = card_json_and_hash(card)  # one serialisation for the stored JSON and the hash

            def content(card: Card = card, digest: str = digest, text: str = text) -> dict[str, object]:
                return {
                    "v_content_hash": digest, "v_kind": card.kind.value, "v_topic": card.topic,
                    "v_evidence": card.evidence.value, "v_prompt": card.prompt, "v_card_json": text,
                    "v_archived": False,
                }  # fmt: skip

            for ordinal in card.ordinals:
                key = (deck.id, card.id, ordinal)
                present.add(key)
                old = existing.get(key)
                if old is None:
                    where = {"v_deck_id": deck.id, "v_card_id": card.id, "v_ordinal": ordinal}
                    inserts.append({**where, **content()})
                    added += 1
                    if len(inserts) >= _BATCH:  # in batches: a 100,000-card deck held at once took 200 MB
                        run_many(s.connection(), _INSERT_ITEM, inserts)
                        inserts.clear()
                elif old[2]:
                    updates.append({"b_id": old[0], **content()})
                    restored += 1
                elif old[1] != digest:
                    updates.append({"b_id": old[0], **content()})
                    updated += 1
                else:
                    unchanged += 1
    gone = [
        {"id": item_id, "archived": True}
        for key, (item_id, _, was_archived) in existing.items()
        if key not in present and not was_archived
    ]
    archived = len(gone)
    if inserts:
        run_many(s.connection(), _INSERT_ITEM, inserts)
    if added:
        _add_new_states(s, learner_ids=None, min_item_id=max_before)
    if updates:
        run_many(s.connection(), _UPDATE_ITEM, updates)
    if gone:
        s.execute(update(ItemRow), gone)
    if archive_missing:
        missing = select(DeckRow.id).where(DeckRow.id.not_in(seen_decks))
        s.execute(update(DeckRow).where(DeckRow.id.in_(missing)).values(archived=True))
        hidden: CursorResult[Any] = s.execute(  # type: ignore[assignment]
            update(ItemRow)
            .where(ItemRow.deck_id.in_(missing), ItemRow.archived.is_(False))
            .values(archived=True)
        )
        archived += hidden.rowcount
    return SyncReport(added=added, updated=updated, archived=archived, restored=restored, unchanged=unchanged)
