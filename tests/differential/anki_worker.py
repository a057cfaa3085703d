"""Anki's engine in a child process whose clock the parent moves (see anki_oracle.py).

Run by ``anki_oracle.AnkiOracle`` under libfaketime: every clock read (Python's and Rust's) returns the epoch
second written in ``FAKETIME_TIMESTAMP_FILE``, re-read on each call (``FAKETIME_NO_CACHE=1``), so one process
can answer a whole history with Anki's clock at each review's time. ``TZ`` is the learner's zone.

Protocol: one JSON object per line on stdin, one JSON reply per line on stdout.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from anki.collection import Collection
from anki.decks import DeckConfigId, DeckId
from anki.scheduler.v3 import Scheduler as V3Scheduler
from anki.scheduler_pb2 import CardAnswer, SchedulingState

_RATINGS = {1: CardAnswer.AGAIN, 2: CardAnswer.HARD, 3: CardAnswer.GOOD, 4: CardAnswer.EASY}
_CLOCK = Path(os.environ["FAKETIME_TIMESTAMP_FILE"])
_ZONE = ZoneInfo(os.environ["TZ"])


def _set_clock(at: int) -> None:
    tmp = _CLOCK.with_suffix(".tmp")
    tmp.write_text(f"{at}\n")
    tmp.replace(_CLOCK)  # atomic: a clock read never sees a half-written file
    if int(time.time()) != at:
        raise RuntimeError(f"libfaketime did not move the clock to {at} (reads {time.time()})")


def _interval(state: SchedulingState) -> dict[str, int]:
    """A rating's outcome: days for a review state, seconds for a (re)learning step."""
    normal = state.normal
    kind = normal.WhichOneof("kind")
    if kind == "review":
        return {"days": normal.review.scheduled_days}
    if kind == "learning":
        return {"secs": normal.learning.scheduled_secs}
    if kind == "relearning":
        return {"secs": normal.relearning.learning.scheduled_secs}
    raise RuntimeError(f"unexpected next state {kind}")


def _restart_day(col: Collection) -> None:
    """Drop Anki's cached day timing, as restarting Anki would.

    Anki keeps today's timing until the next rollover instant it computed, and computes that instant with
    the UTC offset of the moment it computed it. After a spring-forward change, the first hour (30 minutes
    at Lord Howe) after the day start still counts as the previous day in a collection left open across
    the change. A learner who opens Anki after the change gets the right day; that is what we compare to.
    Changing the rollover hour is the one preference that clears the cache (rslib config/mod.rs).
    """
    prefs = col.get_preferences()
    hour = prefs.scheduling.rollover
    prefs.scheduling.rollover = (hour + 1) % 24
    col.set_preferences(prefs)
    prefs.scheduling.rollover = hour
    col.set_preferences(prefs)


class Worker:
    def __init__(self) -> None:
        self.col: Collection | None = None
        self.offset: timedelta | None = None
        self.folder: str | None = None
        self.cards: list[int] = []
        self.day_zero = date.min

    def open(self, msg: dict[str, Any]) -> dict[str, Any]:
        _set_clock(msg["at"])
        # In memory when possible: Anki commits (and syncs to disk) after every answer.
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        self.folder = tempfile.mkdtemp(prefix="anki-oracle-", dir=shm)
        col = self.col = Collection(os.path.join(self.folder, "collection.anki2"))
        col.set_config("rollover", msg["rollover"])
        col.set_config("fsrs", True)
        col.set_config("loadBalancerEnabled", False)  # it moves due dates to even out the daily load
        conf = col.decks.get_config(DeckConfigId(1))
        assert conf is not None
        conf["new"]["delays"] = [1.0, 10.0]
        conf["new"]["perDay"] = 9999
        conf["rev"]["perDay"] = 9999
        conf["lapse"]["delays"] = [10.0]
        conf["lapse"]["leechAction"] = 1  # tag only: a leech stays answerable
        conf["rev"]["maxIvl"] = 36500
        conf["desiredRetention"] = msg["desired_retention"]
        conf["fsrsParams6"] = list(msg["parameters"])
        col.decks.update_config(conf)
        model = col.models.by_name("Basic")
        assert model is not None
        for i in range(msg["cards"]):
            note = col.new_note(model)
            note["Front"] = f"q{i}"
            note["Back"] = f"a{i}"
            col.add_note(note, DeckId(1))
            self.cards.append(note.card_ids()[0])
        # crt is the rollover instant that starts study day 0, so its local date names day 0.
        self.day_zero = (datetime.fromtimestamp(col.crt, _ZONE) - timedelta(hours=msg["rollover"])).date()
        return {"crt": col.crt, "day_zero": self.day_zero.isoformat(), "today": col.sched.today}

    def review(self, msg: dict[str, Any]) -> dict[str, Any]:
        col = self.col
        assert col is not None
        _set_clock(msg["at"])
        offset = datetime.fromtimestamp(msg["at"], _ZONE).utcoffset()
        if offset != self.offset and msg["restart_after_dst"]:
            _restart_day(col)
        self.offset = offset
        cid = self.cards[msg["card"]]
        card = col.get_card(cid)
        states = col._backend.get_scheduling_states(cid)
        intervals = {
            "1": _interval(states.again),
            "2": _interval(states.hard),
            "3": _interval(states.good),
            "4": _interval(states.easy),
        }
        sched = col.sched
        assert isinstance(sched, V3Scheduler)
        card.start_timer()
        sched.answer_card(sched.build_answer(card=card, states=states, rating=_RATINGS[msg["rating"]]))
        card.load()
        memory = card.memory_state
        assert col.db is not None
        reply: dict[str, Any] = {
            "today": col.sched.today,
            "day_cutoff": col.sched.day_cutoff,
            "intervals": intervals,
            "stability": memory.stability if memory else None,
            "difficulty": memory.difficulty if memory else None,
            "queue": card.queue,
            "revlog_ms": col.db.scalar("select max(id) from revlog where cid = ?", cid),
        }
        if card.queue in (2, 3):  # review, or a learning step past the rollover: due is a day number
            reply["due_date"] = (self.day_zero + timedelta(days=card.due)).isoformat()
        else:  # intraday (re)learning: due is an epoch second
            reply["due_at"] = card.due
        return reply

    def optimize(self, msg: dict[str, Any]) -> dict[str, Any]:
        col = self.col
        assert col is not None
        _set_clock(msg["at"])
        out = col._backend.compute_fsrs_params(
            search="",
            current_params=msg["current"],
            ignore_revlogs_before_ms=0,
            num_of_relearning_steps=1,
            health_check=False,
        )
        return {"parameters": list(out.params), "items": out.fsrs_items}


def main() -> None:
    worker = Worker()
    for line in sys.stdin:
        msg = json.loads(line)
        op = msg["op"]
        if op == "close":
            break
        try:
            reply = getattr(worker, op)(msg)
        except Exception as exc:
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    if worker.col is not None:
        worker.col.close()
    if worker.folder is not None:
        shutil.rmtree(worker.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
