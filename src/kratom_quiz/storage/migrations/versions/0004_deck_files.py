"""deck_files (each deck file's size, mtime and hash as last synced) and deck_headers (sources, accept)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

A start re-reads the deck files only when one of them changed: the store already holds every card, and
now each deck's sources and short forms too, so studying needs no deck file at all.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
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
    op.create_table(
        "deck_headers",
        sa.Column("deck_id", sa.String(length=100), nullable=False),
        sa.Column("header_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deck_id"], ["decks.id"], name=op.f("fk_deck_headers_deck_id_decks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("deck_id", name=op.f("pk_deck_headers")),
    )


def downgrade() -> None:
    op.drop_table("deck_headers")
    op.drop_table("deck_files")
