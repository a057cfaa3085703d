"""The ORM tables. Rows never leave the storage package: the repository turns them into domain objects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kratom_quiz.storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class LearnerRow(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SettingsRow(Base):
    __tablename__ = "learner_settings"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    desired_retention: Mapped[float] = mapped_column(Float)
    new_per_day: Mapped[int] = mapped_column(Integer)
    reviews_per_day: Mapped[int] = mapped_column(Integer)
    day_start_hour: Mapped[int] = mapped_column(Integer)
    theme: Mapped[str] = mapped_column(String(60))
    timezone: Mapped[str | None] = mapped_column(String(60))


class ParametersRow(Base):
    """FSRS weights fitted to one learner's review log."""

    __tablename__ = "fsrs_parameters"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    parameters: Mapped[str] = mapped_column(Text)  # JSON list of floats
    fitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    review_count: Mapped[int] = mapped_column(Integer)
    log_loss: Mapped[float] = mapped_column(Float)
    rmse: Mapped[float] = mapped_column(Float)


class DeckRow(Base):
    __tablename__ = "decks"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    path: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class DeckHeaderRow(Base):
    """A deck's sources and short forms as JSON, so studying needs no deck file (see storage/deckfiles.py).

    A table of its own, not a column of ``decks``: code that reads decks needs no newer schema for it.
    """

    __tablename__ = "deck_headers"

    deck_id: Mapped[str] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"), primary_key=True)
    header_json: Mapped[str] = mapped_column(Text)


class DeckFileRow(Base):
    """A deck file as last synced: a start re-reads the files only when one of these changed."""

    __tablename__ = "deck_files"

    path: Mapped[str] = mapped_column(Text, primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))


_ARCHIVED_1 = text("archived = 1")  # SQLite stores booleans as 0 and 1; queries say `archived = 1` too


class ItemRow(Base):
    """One study item: a card of a deck file, or one deletion of a cloze card.

    The id order is the order new items are introduced (file order at first sync, later additions after).
    """

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("deck_id", "card_id", "ordinal", name="uq_items_key"),
        # Archived items are few: the counts on card_state subtract them, found through this partial index.
        Index("ix_items_archived", "deck_id", sqlite_where=_ARCHIVED_1, postgresql_where=text("archived")),
        # Mastery by topic and evidence looks items up by id without reading their (large) rows.
        Index("ix_items_group", "id", "archived", "topic", "evidence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[str] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"))
    card_id: Mapped[str] = mapped_column(String(200))
    ordinal: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(200), index=True)
    evidence: Mapped[str] = mapped_column(String(40))
    prompt: Mapped[str] = mapped_column(Text)
    card_json: Mapped[str] = mapped_column(Text)


class StateRow(Base):
    """One learner's memory of one item. Every (learner, item) pair has a row; new items have state 'new'."""

    __tablename__ = "card_state"
    __table_args__ = (
        Index("ix_card_state_due", "learner_id", "state", "due"),
        Index("ix_card_state_new", "learner_id", "state", "item_id"),
        Index("ix_card_state_item", "item_id"),
        # Per-deck counts (home screen, forecast) as index range counts, without joining items.
        Index("ix_card_state_deck", "learner_id", "deck_id", "state", "suspended", "due", "strong_until"),
    )

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    # A copy of items.deck_id (an item never changes deck): lets per-deck counts skip the items table.
    deck_id: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(12))
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When predicted recall drops below 90 %: lets summaries count mastery without per-row maths.
    strong_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)


class ReviewRow(Base):
    """One answer. Append-only; ``before`` is the state row as it was, so undo can put it back exactly."""

    __tablename__ = "review_log"
    __table_args__ = (
        Index("ix_review_log_time", "learner_id", "reviewed_at", "mode", "state_before", "rating"),
        Index("ix_review_log_item", "learner_id", "item_id", "reviewed_at"),
        Index("ix_review_log_seq", "learner_id", "seq"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    suggested: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(Text, default="")
    correct: Mapped[bool] = mapped_column(Boolean)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(10))
    state_before: Mapped[str] = mapped_column(String(12))
    before: Mapped[str | None] = mapped_column(Text)  # JSON of the state row before the review
