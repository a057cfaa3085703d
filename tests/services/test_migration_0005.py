"""Migration 0005: a database at 0004 upgrades on both stores; on a server it then counts each learner's
changes (the study queue's check), and the archived-items index is the partial index it was meant to be."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from kratom_quiz import services
from kratom_quiz.domain.study import LearnerSettings, Rating
from kratom_quiz.services import classroom as class_service
from kratom_quiz.storage import Database, classroom, migrate
from tests.services.conftest import NOW, card, deck
from tests.services.test_study import answer

_ROWS = (  # ids left to the store: a server's sequences must know them
    "INSERT INTO decks (id, title, version, description, archived) "
    "VALUES ('pharm', 'Pharmacology', 1, '', false)",
    "INSERT INTO items (deck_id, card_id, ordinal, content_hash, archived, kind, topic, evidence, prompt, "
    "card_json) VALUES ('pharm', 'a', 0, 'x', false, 'mcq', 'alkaloids', 'definition', 'Question a?', '{}')",
    "INSERT INTO learners (name, created_at) VALUES ('ada', '2026-05-01 00:00:00')",
    "INSERT INTO card_state (learner_id, item_id, deck_id, state, reps, lapses, suspended, leech) "
    "SELECT learners.id, items.id, 'pharm', 'new', 0, 0, false, false FROM learners, items",
)


def _at_0004(url: str) -> None:
    """A database as version 0004 left it: a deck, a learner with a state row, nothing of 0005."""
    old = Database(url)
    cfg = migrate.alembic_config()
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        for row in _ROWS:
            conn.execute(sa.text(row))
    old.close()


def _scalar(db: Database, sql: str) -> object:
    with db.engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar()


def test_a_0004_database_upgrades_and_studies(db_url: str) -> None:
    _at_0004(db_url)
    with services.open_database(db_url, fuzz=False) as db:
        assert _scalar(db, "SELECT version_num FROM alembic_version") == "0005"
        services.sync_decks(db, [deck(card("a"), card("b"))])
        [ada] = services.list_learners(db)
        counter = f"SELECT version FROM learner_versions WHERE learner_id = {ada.id}"
        before = None if db.is_sqlite else _scalar(db, counter)
        due = services.next_card(db, ada.id, NOW)
        assert due is not None and due.item.key == ("pharm", "a", 0)  # the learner's old row is kept
        answer(db, ada, due.item.key, Rating.GOOD, NOW)
        assert services.stats(db, ada.id, NOW).total_reviews == 1
        if db.is_sqlite:  # SQLite's data_version does the counting: nothing of the server's is made
            assert _scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'learner_versions'") == 0
            assert "archived = 1" in str(
                _scalar(db, "SELECT sql FROM sqlite_master WHERE name = 'ix_items_archived'")
            )
            return
        # The learner from before got a counter, and the answer moved it (a state row and a log row).
        assert isinstance(before, int) and _scalar(db, counter) == before + 2
        index = str(_scalar(db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_items_archived'"))
        assert index.endswith("WHERE archived"), index


def test_on_a_server_the_counters_move_with_every_kind_of_change(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("the server's change counters")
    services.sync_decks(db, [deck(card("a"), card("b"))])
    ada, bob = services.add_learner(db, "ada"), services.add_learner(db, "bob")

    def counters() -> tuple[object, object, object]:
        return (_scalar(db, f"SELECT version FROM learner_versions WHERE learner_id = {ada.id}"),
                _scalar(db, f"SELECT version FROM learner_versions WHERE learner_id = {bob.id}"),
                _scalar(db, "SELECT version FROM content_version"))  # fmt: skip

    start = counters()
    answer(db, bob, ("pharm", "a", 0), Rating.GOOD, NOW)
    after_bob = counters()
    assert after_bob[0] == start[0] and after_bob[1] != start[1]  # bob's answer is not ada's change
    services.save_settings(db, ada.id, LearnerSettings(new_per_day=7))
    assert counters()[0] != after_bob[0]
    services.sync_decks(db, [deck(card("a"), card("c"))])
    assert counters()[2] != after_bob[2]
    services.remove_learner(db, bob.id)  # the cascade bumps a counter that goes with it: no error
    assert _scalar(db, f"SELECT count(*) FROM learner_versions WHERE learner_id = {bob.id}") == 0


def test_a_classroom_made_before_0005_lets_its_learners_read_their_counters(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("classroom mode is PostgreSQL's")
    _at_0004(db_url)
    with Database(db_url) as old, old.engine.begin() as conn:  # what `classroom init` had made by 0004
        classroom.ensure_group(conn, classroom.LEARNERS_GROUP)
        classroom.ensure_group(conn, classroom.TEACHERS_GROUP)
        conn.execute(sa.text("CREATE TABLE classroom_roles (role name PRIMARY KEY, learner_id integer)"))
        conn.execute(sa.text("CREATE FUNCTION kq_learner_id(who name) RETURNS integer LANGUAGE sql STABLE "
                             "AS $$ SELECT learner_id FROM classroom_roles WHERE role = who $$"))  # fmt: skip
    with services.open_database(db_url) as db:
        for group in (classroom.LEARNERS_GROUP, classroom.TEACHERS_GROUP):
            for table in ("learner_versions", "content_version", "deck_headers", "deck_files"):
                assert _scalar(db, f"SELECT has_table_privilege('{group}', '{table}', 'SELECT')") is True
            writes = f"SELECT has_table_privilege('{group}', 'learner_versions', 'UPDATE')"
            assert _scalar(db, writes) is False  # the triggers bump them (SECURITY DEFINER)
        policies = _scalar(db, "SELECT count(*) FROM pg_policies WHERE tablename = 'learner_versions' "
                               "AND schemaname = current_schema()")  # fmt: skip
        assert policies == 2
        language = _scalar(db, "SELECT lanname FROM pg_proc JOIN pg_language ON pg_language.oid = prolang "
                               "WHERE proname = 'kq_learner_id' "
                               "AND pronamespace = current_schema()::regnamespace")  # fmt: skip
        assert language == "plpgsql"  # planned once per session, not per statement
        # And `classroom init` run again on the upgraded database is content with it.
        class_service.init(db, "teach_0005")
