"""card_state.deck_id and indexes for counting without joining items

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

An item never moves to another deck (the deck is part of its key), so copying ``deck_id`` onto each state
row is safe; it lets the home screen count a deck's items from one covering index instead of joining
100,000 item rows. The partial index finds archived items, which the counts subtract.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("card_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deck_id", sa.String(length=100), nullable=True))
    op.execute(
        "UPDATE card_state "
        "SET deck_id = (SELECT items.deck_id FROM items WHERE items.id = card_state.item_id)"
    )
    with op.batch_alter_table("card_state", schema=None) as batch_op:
        batch_op.alter_column("deck_id", existing_type=sa.String(length=100), nullable=False)
        batch_op.create_index(
            "ix_card_state_deck",
            ["learner_id", "deck_id", "state", "suspended", "due", "strong_until"],
            unique=False,
        )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_items_archived", ["deck_id"], unique=False, sqlite_where=sa.text("archived = 1")
        )
        batch_op.create_index("ix_items_group", ["id", "archived", "topic", "evidence"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index("ix_items_group")
        batch_op.drop_index("ix_items_archived")
    with op.batch_alter_table("card_state", schema=None) as batch_op:
        batch_op.drop_index("ix_card_state_deck")
        batch_op.drop_column("deck_id")
