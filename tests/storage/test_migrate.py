"""Migrations: the cheap head check agrees with Alembic, and an older database upgrades with its data kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kratom_quiz import services
from kratom_quiz.domain.study import Rating
from kratom_quiz.storage import Database, migrate
from tests.services.conftest import NOW, card, deck


def test_known_revisions_match_the_migration_scripts() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == migrate.HEAD_REVISION
    oldest_first = [rev.revision for rev in script.walk_revisions()][::-1]
    assert list(migrate.KNOWN_REVISIONS) == oldest_first


def _database_at(path: Path, revision: str) -> Database:
    db = Database(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return db


def test_a_database_at_revision_0001_upgrades_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = _database_at(path, "0001")
    with old.engine.begin() as conn:
        conn.execute(text("INSERT INTO decks (id, title, version, description, archived) "
                          "VALUES ('pharm', 'Pharmacology', 1, '', 0)"))  # fmt: skip
        conn.execute(text("INSERT INTO items (id, deck_id, card_id, ordinal, content_hash, archived, kind, "
                          "topic, evidence, prompt, card_json) VALUES (1, 'pharm', 'a', 0, 'x', 0, 'mcq', "
                          "'alkaloids', 'definition', 'Question a?', '{}')"))  # fmt: skip
        conn.execute(text("INSERT INTO learners (id, name, created_at) "
                          "VALUES (1, 'ada', '2026-05-01 00:00:00.000000')"))  # fmt: skip
        conn.execute(text("INSERT INTO card_state (learner_id, item_id, state, reps, lapses, suspended, "
                          "leech) VALUES (1, 1, 'new', 0, 0, 0, 0)"))  # fmt: skip
    old.close()

    db = services.open_database(f"sqlite:///{path}", fuzz=False)
    with db.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.HEAD_REVISION
        assert s.execute(text("SELECT learner_id, item_id, deck_id, state FROM card_state")).all() == [
            (1, 1, "pharm", "new")
        ]
    # The upgraded database works: the deck syncs and the learner studies it.
    services.sync_decks(db, [deck(card("a"))])
    due = services.next_card(db, 1, NOW)
    assert due is not None and due.item.key == ("pharm", "a", 0)
    services.record_review(db, 1, due.item.key, Rating.GOOD, now=NOW, suggested=None, answer="",
                           correct=True, duration_ms=1)  # fmt: skip
    assert services.today(db, 1, NOW).decks[0].total == 1
    db.close()


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kq.db'}"
    services.open_database(url).close()
    code = (
        "import sys\nfrom kratom_quiz import services\n"
        f"services.open_database({url!r}).close()\n"
        "print(sorted(m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_foreign_keys_are_enforced_on_state_rows(tmp_path: Path) -> None:
    # Since 0002 a state row also needs its deck_id: give one, so the foreign keys are what refuses it.
    db = services.open_database(f"sqlite:///{tmp_path / 'kq.db'}")
    services.sync_decks(db, [deck(card("a"))])
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), db.write() as s:
        s.execute(text("INSERT INTO card_state (learner_id, item_id, deck_id, state, reps, lapses, "
                       "suspended, leech) VALUES (999, 999, 'pharm', 'new', 0, 0, 0, 0)"))  # fmt: skip
    db.close()
