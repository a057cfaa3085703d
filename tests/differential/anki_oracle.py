"""Anki's real answer path as an oracle: one child process per learner zone, its clock moved per review.

The child (anki_worker.py) runs under libfaketime with ``TZ`` set to the learner's zone, so Anki's Rust code
reads each review's time and zone exactly as on a learner's machine. With ``fuzz=False`` the child sets
``ANKI_TEST_MODE``, Anki's own switch that turns fuzz off; that mode also moves Anki's clock back 2 hours
whenever the local hour is 2 or 3 (a hack for Anki's Python tests, rslib/src/timestamp.rs), so fuzz-free runs
refuse reviews in those hours and fuzzed runs take them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

LIBFAKETIME_PATHS = (
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
    "/usr/local/lib/faketime/libfaketime.so.1",
)
_WORKER = Path(__file__).with_name("anki_worker.py")


def libfaketime() -> str | None:
    """The libfaketime library on this machine, if any."""
    found = os.environ.get("LIBFAKETIME")
    if found and Path(found).is_file():
        return found
    return next((p for p in LIBFAKETIME_PATHS if Path(p).is_file()), None)


@dataclass(frozen=True, slots=True)
class Interval:
    """What one rating would schedule: whole days for a review, seconds for a (re)learning step."""

    days: int | None = None
    secs: int | None = None


@dataclass(frozen=True, slots=True)
class AnkiReview:
    """Anki's view of one answer: before it (the four choices) and after it (memory and due)."""

    today: int
    """Anki's day number at the review (days since the collection's first study day)."""
    study_date: date
    """The calendar date naming that study day."""
    intervals: dict[int, Interval]
    stability: float
    difficulty: float
    due_date: date | None
    """For a review card: the study day it is due."""
    due_at: int | None
    """For a (re)learning card: the epoch second it is due."""
    answered_ms: int


class AnkiOracle:
    """A fresh Anki collection for one learner zone, with FSRS on and our deck options."""

    def __init__(
        self,
        zone: str,
        *,
        cards: int,
        created: datetime,
        parameters: tuple[float, ...],
        fuzz: bool = False,
        restart_after_dst: bool = True,
        rollover: int = 4,
        desired_retention: float = 0.9,
    ) -> None:
        lib = libfaketime()
        if lib is None:
            raise RuntimeError("libfaketime is not installed (apt-get install libfaketime)")
        self.zone = ZoneInfo(zone)
        self.fuzz = fuzz
        self.restart_after_dst = restart_after_dst
        """Clear Anki's cached day timing after a UTC offset change (see anki_worker._restart_day)."""
        self._dir = tempfile.TemporaryDirectory(prefix="anki-oracle-clock-")
        clock = Path(self._dir.name) / "now"
        start = int(created.timestamp())
        clock.write_text(f"{start}\n")
        env = {
            **os.environ,
            "LD_PRELOAD": lib,
            "FAKETIME_TIMESTAMP_FILE": str(clock),
            "FAKETIME_NO_CACHE": "1",
            "FAKETIME_FMT": "%s",
            # Timeouts and sleeps keep real time; only the wall clock is faked.
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            "TZ": zone,
        }
        env.pop("ANKI_TEST_MODE", None)
        if not fuzz:
            env["ANKI_TEST_MODE"] = "1"
        self._proc = subprocess.Popen(
            [sys.executable, str(_WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        opened = self._call(
            op="open",
            at=start,
            cards=cards,
            rollover=rollover,
            parameters=list(parameters),
            desired_retention=desired_retention,
        )
        self.day_zero = date.fromisoformat(opened["day_zero"])

    def _call(self, **msg: Any) -> dict[str, Any]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps(msg) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the Anki worker died (exit {self._proc.wait()})")
        reply: dict[str, Any] = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"Anki worker: {reply['error']}")
        return reply

    def review(self, card: int, rating: int, at: datetime) -> AnkiReview:
        """Answer ``card`` (0-based) with ``rating`` (1-4) with Anki's clock at ``at``."""
        if not self.fuzz and at.astimezone(self.zone).hour in (2, 3):
            raise ValueError(f"{at}: ANKI_TEST_MODE shifts Anki's clock at 02:00-03:59 local; use fuzz=True")
        epoch = int(at.timestamp())
        if epoch != at.timestamp():
            raise ValueError(f"{at}: Anki's clock moves in whole seconds")
        r = self._call(
            op="review", card=card, rating=rating, at=epoch, restart_after_dst=self.restart_after_dst
        )
        return AnkiReview(
            today=r["today"],
            study_date=date.fromordinal(self.day_zero.toordinal() + r["today"]),
            intervals={int(k): Interval(**v) for k, v in r["intervals"].items()},
            stability=r["stability"],
            difficulty=r["difficulty"],
            due_date=date.fromisoformat(r["due_date"]) if "due_date" in r else None,
            due_at=r.get("due_at"),
            answered_ms=r["revlog_ms"],
        )

    def optimize(self, at: datetime, current: Sequence[float] | None) -> tuple[tuple[float, ...], int]:
        """Anki's FSRS parameters fitted at ``at`` on every review so far, and how many items it trained on.

        Anki keeps ``current`` unless the fit lowers the log loss; ``None`` asks for the fit itself (Anki
        skips that comparison when the current parameters are invalid, so a single weight is passed).
        """
        weights = [1.0] if current is None else list(current)
        r = self._call(op="optimize", at=int(at.timestamp()), current=weights)
        return tuple(r["parameters"]), int(r["items"])

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.write(json.dumps({"op": "close"}) + "\n")
            self._proc.stdin.close()
            self._proc.wait(timeout=30)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._dir.cleanup()

    def __enter__(self) -> AnkiOracle:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
