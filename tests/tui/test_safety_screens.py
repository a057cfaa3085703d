"""The app when the database is damaged (it offers the latest good backup) or open twice (it says so)."""

from __future__ import annotations

from pathlib import Path

from kratom_quiz import services
from kratom_quiz.clock import fixed_clock, utc_now
from kratom_quiz.config import Settings
from kratom_quiz.services import safety
from kratom_quiz.storage.presence import Presence
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.screens.home import HomeScreen
from kratom_quiz.tui.screens.restore import RestoreScreen
from tests.tui.conftest import NOW
from tests.tui.helpers import press, settle


def _db_file(settings: Settings) -> Path:
    return Path(settings.db.removeprefix("sqlite:///"))


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 : page * 3] = bytes(page)  # a b-tree page of the schema's tables emptied
    path.write_bytes(bytes(data))


async def test_a_damaged_database_is_offered_its_latest_good_backup(settings: Settings) -> None:
    db = services.open_database(settings.db)
    services.add_learner(db, "Sam")
    db.close()
    backup = safety.back_up(settings.db, utc_now(), reason="manual")
    _damage(_db_file(settings))
    damaged = _db_file(settings).read_bytes()

    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreScreen)
        assert app.screen.backup.path == backup.path
        assert _db_file(settings).read_bytes() == damaged  # nothing written before the learner chose
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.db is not None and [x.name for x in services.list_learners(app.db)] == ["Sam"]
    kept = list(_db_file(settings).parent.glob("study.db.before-restore-*[0-9]"))
    assert [p.read_bytes() for p in kept] == [damaged]


async def test_not_restoring_leaves_the_damaged_file_as_it_was(settings: Settings) -> None:
    db = services.open_database(settings.db)
    services.add_learner(db, "Sam")
    db.close()
    safety.back_up(settings.db, utc_now(), reason="manual")
    _damage(_db_file(settings))
    damaged = _db_file(settings).read_bytes()
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreScreen)
        await press(pilot, "escape")
        assert app.db is None
    assert _db_file(settings).read_bytes() == damaged


async def test_a_second_instance_is_told_another_is_open(settings: Settings) -> None:
    db = services.open_database(settings.db)
    services.add_learner(db, "Sam")
    db.close()
    other = Presence(_db_file(settings))
    assert other.enter()
    try:
        app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            shown = [n.message for n in app._notifications]
            assert any("Another kratom-quiz is open on this database" in m for m in shown), shown
    finally:
        other.leave()
