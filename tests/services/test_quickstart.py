"""The first home screen is read with sqlite3 alone: it must show what the full store would, or step aside."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kratom_quiz import services
from kratom_quiz.domain.study import Learner, LearnerSettings, Rating
from kratom_quiz.services.quickstart import first_view
from kratom_quiz.storage import Database, quickgen
from kratom_quiz.storage.quick import sqlite_file
from tests.services.conftest import NOW, card, deck
from tests.services.test_counts import _setup

pytestmark = pytest.mark.sqlite_only  # the first view reads the SQLite file with sqlite3 alone


def _answer(db: Database, learner: Learner, card_id: str, rating: Rating, days_ago: float) -> None:
    services.record_review(
        db, learner.id, ("pharm", card_id, 0), rating, now=NOW - timedelta(days=days_ago), suggested=None,
        answer="", correct=rating > Rating.AGAIN, duration_ms=1,
    )  # fmt: skip


def test_quick_sql_is_compiled_from_the_store_statements() -> None:
    on_disk = quickgen.TARGET.read_text(encoding="utf-8")
    assert on_disk == quickgen.render(), "run: uv run python -m kratom_quiz.storage.quickgen"


def test_first_view_matches_the_store_with_archived_suspended_and_learning_items(
    db: Database, db_url: str, learner: Learner
) -> None:
    _setup(db, learner)
    seen = []
    for later in (timedelta(0), timedelta(hours=17), timedelta(days=3), timedelta(days=40)):
        now = NOW + later
        view = first_view(db_url, now)
        assert view is not None
        assert view.learner == learner
        assert view.today == services.today(db, learner.id, now)
        seen.append([(d.deck_id, d.total, d.new, d.learning, d.due) for d in view.today.decks])
    # Not a comparison of two empty answers: new, learning and due items in both decks, the archived
    # items ("e" and "z") left out and the suspended one ("c") counted in the total only.
    assert seen[0] == [("pharm", 5, 2, 1, 1), ("risk", 2, 0, 1, 1)]


def test_first_view_follows_the_learners_limits_zone_and_day_start(
    db: Database, db_url: str, learner: Learner
) -> None:
    settings = LearnerSettings(
        new_per_day=2, reviews_per_day=1, day_start_hour=7, timezone="America/New_York", theme="nord"
    )
    services.save_settings(db, learner.id, settings)
    services.sync_decks(db, [deck(*(card(c) for c in "abcdef"))])
    for days_ago, card_id in ((3, "a"), (2, "b"), (1, "c"), (0.02, "d")):  # four study days in a row
        _answer(db, learner, card_id, Rating.GOOD, days_ago)
    view = first_view(db_url, NOW)
    assert view is not None
    assert view.settings == settings
    expected = services.today(db, learner.id, NOW)
    assert view.today == expected
    assert (expected.totals.streak, expected.totals.reviewed, expected.totals.new_left) == (4, 1, 1)


def test_first_view_before_anything_was_studied(db: Database, db_url: str, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    view = first_view(db_url, NOW)
    assert view is not None
    assert view.settings == LearnerSettings(timezone="UTC")
    assert view.today == services.today(db, learner.id, NOW)
    assert view.today.totals.streak == 0


def test_first_view_steps_aside_for_no_learner_or_several(db: Database, db_url: str) -> None:
    assert first_view(db_url, NOW) is None  # the welcome screen creates one
    services.add_learner(db, "ada")
    services.add_learner(db, "grace")
    assert first_view(db_url, NOW) is None  # the switcher asks who is studying


def test_first_view_steps_aside_for_a_schema_to_migrate(db: Database, db_url: str, learner: Learner) -> None:
    with db.write() as s:
        s.connection().exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert first_view(db_url, NOW) is None


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_first_view_steps_aside_for_missing_or_foreign_files(tmp_path: Path, content: bytes) -> None:
    assert first_view(f"sqlite:///{tmp_path / 'absent.db'}", NOW) is None
    odd = tmp_path / "odd.db"
    odd.write_bytes(content)
    assert first_view(f"sqlite:///{odd}", NOW) is None
    assert odd.read_bytes() == content  # looked at, never written


def test_first_view_steps_aside_for_another_programs_sqlite_file(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    assert first_view(f"sqlite:///{other}", NOW) is None


def test_only_plain_sqlite_file_urls_are_read_quickly(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"
    assert sqlite_file("sqlite:///relative.db") == Path("relative.db")
    for url in ("sqlite://", "sqlite:///:memory:", "sqlite:///a.db?mode=ro", "postgresql://u:p@h/db"):
        assert sqlite_file(url) is None


def test_first_view_needs_no_sqlalchemy(db: Database, db_url: str, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"))])
    code = (
        "import sys\n"
        "from datetime import datetime, UTC\n"
        "from kratom_quiz.services.quickstart import first_view\n"
        f"view = first_view({db_url!r}, datetime.now(UTC))\n"
        "print(view.learner.name, [m for m in ('sqlalchemy', 'alembic', 'fsrs') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["ada", "[]"]


def test_every_service_name_loads_on_first_use() -> None:
    code = (
        "import sys\n"
        "import kratom_quiz.services as s\n"
        "assert 'sqlalchemy' not in sys.modules, 'importing the package loaded SQLAlchemy'\n"
        "print(sorted(n for n in s.__all__ if not callable(getattr(s, n))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
