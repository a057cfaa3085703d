"""A second instance on the same database file is noticed; a closed or crashed one is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kratom_quiz.storage.presence import Presence

HOLD = (
    "import sys, time; from pathlib import Path; from kratom_quiz.storage.presence import Presence; "
    "p = Presence(Path(sys.argv[1])); print(p.enter(), flush=True); time.sleep(60)"
)


def test_the_first_instance_is_alone_and_sees_the_second(tmp_path: Path) -> None:
    db = tmp_path / "kq.db"
    first = Presence(db)
    assert first.enter() is True
    assert first.others_open() is False
    second = Presence(db)  # another open of the file: what a second process does
    assert second.enter() is False
    assert first.others_open() is True
    second.leave()
    assert first.others_open() is False
    first.leave()


def test_a_killed_instance_leaves_no_mark(tmp_path: Path) -> None:
    db = tmp_path / "kq.db"
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "True"
    mine = Presence(db)
    assert mine.enter() is False  # the child has it open
    child.kill()
    child.wait()
    assert mine.others_open() is False
    mine.leave()
