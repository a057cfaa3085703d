"""Opening databases, learners and deck sync."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kratom_quiz import services
from kratom_quiz.domain.model import CardKind
from kratom_quiz.domain.study import CardState, Learner, Rating, SyncReport
from kratom_quiz.errors import UserError
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck


def test_open_creates_the_file_in_an_existing_folder(tmp_path: Path) -> None:
    path = tmp_path / "kq.db"
    db = services.open_database(f"sqlite:///{path}")
    db.close()
    assert path.is_file()
    assert services.open_database(f"sqlite:///{path}") is not None  # reopening migrates nothing and works


def test_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "deeper" / "kq.db"
    with pytest.raises(UserError, match=r"no such folder: .*nested/deeper"):
        services.open_database(f"sqlite:///{path}")
    assert not (tmp_path / "nested").exists()


def test_the_default_data_folder_is_created_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "fresh" / "data"
    monkeypatch.setenv("KRATOM_QUIZ_DATA_DIR", str(data))
    db = services.open_database(f"sqlite:///{data / 'kratom-quiz.db'}")
    db.close()
    assert (data / "kratom-quiz.db").is_file()


def test_default_url_lives_in_the_data_dir(_isolated_data_dir: Path) -> None:
    from kratom_quiz.config import load_settings

    db = services.open_database(load_settings().db)
    db.close()
    assert (_isolated_data_dir / "kratom-quiz.db").is_file()


def test_garbage_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(UserError, match=r"notes\.db"):
        services.open_database(f"sqlite:///{path}")
    assert path.read_text().startswith("these are my notes")


def test_corrupt_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(UserError, match=r"broken\.db"):
        services.open_database(f"sqlite:///{path}")


def test_database_from_a_newer_version_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    services.open_database(f"sqlite:///{path}").close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(UserError, match="newer version"):
        services.open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_learners_add_rename_remove(db: Database) -> None:
    ada = services.add_learner(db, "ada")
    services.add_learner(db, "bob")
    assert [x.name for x in services.list_learners(db)] == ["ada", "bob"]
    with pytest.raises(UserError, match="already exists"):
        services.add_learner(db, "ada")
    with pytest.raises(UserError, match="already exists"):
        services.rename_learner(db, ada.id, "bob")
    assert services.rename_learner(db, ada.id, "ada lovelace") == Learner(ada.id, "ada lovelace")
    assert services.find_learner(db, "ada lovelace").id == ada.id
    services.remove_learner(db, ada.id)
    with pytest.raises(UserError, match="no learner named"):
        services.find_learner(db, "ada lovelace")
    assert [x.name for x in services.list_learners(db)] == ["bob"]


def test_removing_a_learner_removes_their_history(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"))])
    services.record_review(db, learner.id, ("pharm", "a", 0), Rating.GOOD, now=NOW, suggested=None,
                           answer="x", correct=True, duration_ms=10)  # fmt: skip
    services.remove_learner(db, learner.id)
    with db.read() as s:
        from sqlalchemy import text

        assert s.execute(text("SELECT count(*) FROM review_log")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM card_state")).scalar() == 0


def _study(db: Database, learner: Learner, key: tuple[str, str, int]) -> None:
    services.record_review(db, learner.id, key, Rating.GOOD, now=NOW, suggested=Rating.GOOD, answer="a",
                           correct=True, duration_ms=1000)  # fmt: skip


def _due_keys(db: Database, learner: Learner) -> set[tuple[str, str, int]]:
    """Every key the study queue offers today, answering Easy (which graduates at once) to move on."""
    seen = set()
    while (due := services.next_card(db, learner.id, NOW)) is not None and due.item.key not in seen:
        seen.add(due.item.key)
        services.record_review(db, learner.id, due.item.key, Rating.EASY, now=NOW, suggested=None, answer="",
                               correct=True, duration_ms=1)  # fmt: skip
    for _ in seen:
        services.undo_last(db, learner.id)
    return seen


def test_sync_adds_then_reports_unchanged(db: Database, learner: Learner) -> None:
    d = deck(
        card("a"), card("b"), card("c", kind=CardKind.CLOZE, prompt="{{c1::Mitragynine}} and {{c2::7-OH}}")
    )
    assert services.sync_decks(db, [d]) == SyncReport(added=4)
    assert services.sync_decks(db, [d]) == SyncReport(unchanged=4)
    assert services.today(db, learner.id, NOW).decks[0].total == 4


def test_editing_a_card_keeps_its_progress(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"))])
    _study(db, learner, ("pharm", "a", 0))
    report = services.sync_decks(db, [deck(card("a", prompt="Reworded question?"))])
    assert report == SyncReport(updated=1)
    summary = services.today(db, learner.id, NOW).decks[0]
    assert (summary.new, summary.learning) == (0, 1)
    due = services.next_card(db, learner.id, NOW + timedelta(minutes=10))
    assert due is not None
    assert due.item.card.prompt == "Reworded question?"
    assert due.reps == 1


def test_removed_card_is_archived_and_restored_with_history(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    _study(db, learner, ("pharm", "a", 0))
    assert services.sync_decks(db, [deck(card("b"))]) == SyncReport(archived=1, unchanged=1)
    assert services.today(db, learner.id, NOW).decks[0].total == 1
    assert _due_keys(db, learner) == {("pharm", "b", 0)}
    assert services.sync_decks(db, [deck(card("a"), card("b"))]) == SyncReport(restored=1, unchanged=1)
    assert services.today(db, learner.id, NOW).decks[0].total == 2
    assert services.card_history(db, learner.id, ("pharm", "a", 0))[0].rating is Rating.GOOD


def test_cloze_deletion_that_disappears_archives_that_item(db: Database, learner: Learner) -> None:
    two = card("c", kind=CardKind.CLOZE, prompt="{{c1::Mitragynine}} binds {{c2::mu-opioid}} receptors")
    one = card("c", kind=CardKind.CLOZE, prompt="{{c1::Mitragynine}} binds mu-opioid receptors")
    services.sync_decks(db, [deck(two)])
    assert services.sync_decks(db, [deck(one)]) == SyncReport(updated=1, archived=1)
    assert _due_keys(db, learner) == {("pharm", "c", 1)}


def test_deck_missing_from_sync_is_hidden_not_deleted(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a")), deck(card("x", deck_id="risk"), deck_id="risk", title="Risk")])
    services.sync_decks(db, [deck(card("a"))])
    assert [s.deck_id for s in services.today(db, learner.id, NOW).decks] == ["pharm"]
    services.sync_decks(db, [deck(card("a")), deck(card("x", deck_id="risk"), deck_id="risk", title="Risk")])
    assert [s.deck_id for s in services.today(db, learner.id, NOW).decks] == ["pharm", "risk"]


def test_learner_added_after_sync_sees_every_card_as_new(db: Database) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    late = services.add_learner(db, "late")
    summary = services.today(db, late.id, NOW).decks[0]
    assert (summary.total, summary.new) == (2, 2)
    due = services.next_card(db, late.id, NOW)
    assert due is not None
    assert due.state is CardState.NEW
