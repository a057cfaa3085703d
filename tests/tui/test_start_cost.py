"""What a bare ``kratom-quiz`` loads before the home screen shows a returning learner's counts.

Each check runs in a fresh interpreter, since this test process has long imported everything. The start-up
budget (bench_startup.py, README) was lost twice by an import on the way to the first view: the store
(SQLAlchemy) imported on the UI thread as the counts were shown, and the command line (typer and the
pydantic adapters it builds) for a start that has no arguments.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kratom_quiz import deckfile, services
from kratom_quiz.domain.study import LearnerSettings

HEAVY = ["sqlalchemy", "alembic", "pydantic", "typer", "fsrs", "yaml"]

FIRST_VIEW = """
import asyncio, json, sys
from pathlib import Path
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from kratom_quiz.tui.startup import Startup

Startup._open_database = lambda self: None  # the store never opens: only the first view is read
app = make_app(Settings(db=sys.argv[1], decks=Path(sys.argv[2])))

async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(1000):
            if app.screen.summaries:
                break
            await pilot.pause(0.01)
        loaded = sorted({m.split(".")[0] for m in sys.modules})
        print(json.dumps({"counts": len(app.screen.summaries), "modules": loaded}))

asyncio.run(main())
"""

LAUNCH = """
import json, sys
import kratom_quiz.tui.app as tui_app

def run_app(settings):
    if settings.db == "fail":
        from kratom_quiz.errors import UserError
        raise UserError("the store said no")
    print(json.dumps({"db": settings.db, "modules": sorted({m.split(".")[0] for m in sys.modules})}))

tui_app.run_app = run_app
sys.argv = ["kratom-quiz"]
from kratom_quiz.launch import main
main()
"""


def _run(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=full,
        check=False,
        timeout=120,
    )


def test_the_first_counts_show_without_the_store_or_the_deck_loader(tmp_path: Path, decks_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'back.db'}"
    db = services.open_database(url, fuzz=False)
    services.sync_decks(db, deckfile.load_decks([decks_dir]).decks)
    learner = services.add_learner(db, "Noor")
    services.save_settings(db, learner.id, LearnerSettings(timezone="UTC"))
    db.close()

    result = _run(FIRST_VIEW, url, str(decks_dir))
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.splitlines()[-1])
    assert shown["counts"] == 1  # the home screen shows the deck's counts
    assert [m for m in HEAVY if m in shown["modules"]] == []


def test_a_bare_start_opens_the_app_without_building_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mine.db'}"
    result = _run(LAUNCH, env={"KRATOM_QUIZ_DB": url, "KRATOM_QUIZ_LOG_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    started = json.loads(result.stdout.splitlines()[-1])
    assert started["db"] == url  # the environment chooses the database, as with the command line
    assert [m for m in ("typer", "click", "pydantic") if m in started["modules"]] == []


def test_a_bare_start_says_a_user_error_in_one_line(tmp_path: Path) -> None:
    result = _run(LAUNCH, env={"KRATOM_QUIZ_DB": "fail", "KRATOM_QUIZ_LOG_DIR": str(tmp_path)})
    assert (result.returncode, result.stderr, result.stdout) == (1, "kratom-quiz: the store said no\n", "")


def test_a_study_screen_answers_which_keys_apply_before_its_widgets_are_mounted() -> None:
    # Opened with s pressed as the counts appear, its footer may ask before the card's widgets exist.
    from kratom_quiz.tui.screens.study import StudyScreen

    screen = StudyScreen(deck_id=None)
    assert screen.check_action("choose", (1,)) is False  # no card shown yet: no option to choose
    assert screen.check_action("leave", ("quit",)) is True  # leaving always works
