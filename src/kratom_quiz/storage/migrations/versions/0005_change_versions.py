"""change counters on a server (learner_versions, content_version); ix_items_archived partial there too

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

The study queue is kept in memory between answers and must be dropped when anyone else changed what it was
built from. SQLite says so itself (``PRAGMA data_version``); a server does not, so it rebuilt the queue on
every answer (a dozen statements and hundreds of rows each time). Here the server keeps the count itself:
triggers bump a learner's row of ``learner_versions`` on every change to that learner's card states, review
log, settings or FSRS weights, and the single row of ``content_version`` on every change to decks or items.
The hot path reads both with one indexed query and rebuilds only when they moved (see storage/versions.py).

The trigger functions are SECURITY DEFINER: a classroom learner bumps their own counter through them (the
row-level security policies already limit which rows they can change) and is granted only SELECT on the
counters. On SQLite none of this is created: ``data_version`` already counts every other connection's commit.

The partial index ``ix_items_archived`` was created without its condition on PostgreSQL (only
``sqlite_where`` was given): a full index of deck ids there. It is rebuilt with ``WHERE archived``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

LEARNER_TABLES = ("card_state", "review_log", "learner_settings", "fsrs_parameters")
CONTENT_TABLES = ("decks", "items")

# `SET search_path FROM CURRENT`: the functions run as their owner, so they must not look names up in a
# schema the caller chose; they keep the schema the migration ran in.
_UP = [
    "CREATE TABLE learner_versions (learner_id integer PRIMARY KEY "
    "REFERENCES learners(id) ON DELETE CASCADE, version bigint NOT NULL DEFAULT 0)",
    "INSERT INTO learner_versions (learner_id) SELECT id FROM learners",
    "CREATE TABLE content_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)",
    "INSERT INTO content_version (id, version) VALUES (1, 0)",
    """CREATE FUNCTION kq_learner_added() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        INSERT INTO learner_versions (learner_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER kq_learner_added AFTER INSERT ON learners "
    "FOR EACH ROW EXECUTE FUNCTION kq_learner_added()",
    # A plain UPDATE, not an upsert: when a learner is removed, the cascade deletes their rows (firing this)
    # along with their counter; there is then nothing to bump.
    """CREATE FUNCTION kq_bump_learner() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            UPDATE learner_versions SET version = version + 1 WHERE learner_id = OLD.learner_id;
        ELSE
            UPDATE learner_versions SET version = version + 1 WHERE learner_id = NEW.learner_id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION kq_bump_content() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        UPDATE content_version SET version = version + 1;
        RETURN NULL;
    END $$""",
    *(
        f"CREATE TRIGGER kq_bump_learner AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION kq_bump_learner()"
        for table in LEARNER_TABLES
    ),
    *(
        f"CREATE TRIGGER kq_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION kq_bump_content()"
        for table in CONTENT_TABLES
    ),
    "REVOKE ALL ON FUNCTION kq_learner_added(), kq_bump_learner(), kq_bump_content() FROM PUBLIC",
]

# A classroom installed before this revision: its learners and teacher read the counters (their own only,
# for a learner), as storage/classroom.py grants on a new classroom. The policies' function becomes
# PL/pgSQL: its query is then planned once per session, not at every statement.
_CLASSROOM = [
    """CREATE OR REPLACE FUNCTION kq_learner_id(who name) RETURNS integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN RETURN (SELECT learner_id FROM classroom_roles WHERE role = who); END $$""",
    "GRANT SELECT ON learner_versions, content_version TO kq_learners, kq_teachers",
    # The decks' headers and file stamps: a class's logins read each deck's title and sources from them.
    "GRANT SELECT ON deck_headers, deck_files TO kq_learners, kq_teachers",
    "ALTER TABLE learner_versions ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY learner_own ON learner_versions FOR SELECT TO kq_learners "
    "USING (learner_id = (SELECT kq_learner_id(current_user)))",
    "CREATE POLICY teacher_reads ON learner_versions FOR SELECT TO kq_teachers USING (true)",
]

_DOWN = [
    *(f"DROP TRIGGER kq_bump_content ON {table}" for table in CONTENT_TABLES),
    *(f"DROP TRIGGER kq_bump_learner ON {table}" for table in LEARNER_TABLES),
    "DROP TRIGGER kq_learner_added ON learners",
    "DROP FUNCTION kq_bump_content()",
    "DROP FUNCTION kq_bump_learner()",
    "DROP FUNCTION kq_learner_added()",
    "DROP TABLE content_version",
    "DROP TABLE learner_versions",
]


def _run(statements: list[str]) -> None:
    bind = op.get_bind()
    for statement in statements:  # one at a time: the driver's extended protocol takes one statement
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _run(_UP)
    classroom = op.get_bind().exec_driver_sql("SELECT to_regclass('classroom_roles')").scalar()
    if classroom is not None:
        _run(_CLASSROOM)
    op.drop_index("ix_items_archived", table_name="items")
    op.create_index("ix_items_archived", "items", ["deck_id"], postgresql_where=sa.text("archived"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_items_archived", table_name="items")
    op.create_index("ix_items_archived", "items", ["deck_id"])
    _run(_DOWN)
