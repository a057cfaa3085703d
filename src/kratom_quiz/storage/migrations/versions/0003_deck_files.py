"""deck_files (each deck file's size, mtime and hash as last synced) and decks.header_json (sources, accept)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

A start re-reads the deck files only when one of them changed: the store already holds every card, and
now each deck's sources and short forms too, so studying needs no deck file at all.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "deck_files",
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_deck_files")),
    )
    with op.batch_alter_table("decks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("header_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decks", schema=None) as batch_op:
        batch_op.drop_column("header_json")
    op.drop_table("deck_files")
