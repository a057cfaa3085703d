"""card states recomputed from the review log in study days

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Until 0002, elapsed time was counted in 24-hour periods and review cards fell due a whole number of 24-hour
periods after the answer, so daylight-saving changes moved them and next-morning answers read as same-day
ones. This revision replays every learner's study answers with the study-day scheduler (Anki's rules over
FSRS-6) and stores what it gives: the memory of each studied item and, for undo, the earlier state logged
with each answer. No review is deleted or changed otherwise; the schema is unchanged.
"""

from __future__ import annotations

from alembic import op

from kratom_quiz.storage import replay

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    replay.rebuild(op.get_bind())


def downgrade() -> None:
    """Nothing to undo in the schema; states computed by the newer rules stay (the log is unchanged)."""
