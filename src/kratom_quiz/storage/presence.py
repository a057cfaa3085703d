"""Whether another kratom-quiz is open on the same database file, told with an advisory lock beside it.

Two open instances are safe (every answer is its own transaction, and each undoes only its own answers),
but a learner who forgot a window should know: their counts move under them. Each instance holds a shared
lock on ``<database>.open``; an instance that can also take it exclusively for a moment is alone. The lock
goes with the process, so a crashed instance never leaves a stale "open" behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path


class Presence:
    """This process's mark on a database file; ``others_open()`` says whether another process has one."""

    def __init__(self, db_file: Path) -> None:
        self.path = Path(f"{db_file}.open")
        self._fd: int | None = None

    def enter(self) -> bool:
        """Mark this process as open on the database; returns whether it was alone (False: another is open).

        A mark that cannot be made (a read-only folder) is no reason not to study: it returns True.
        """
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return True
        alone = True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            alone = False
        # Keep a shared mark for as long as this process has the database open.
        fcntl.flock(fd, fcntl.LOCK_SH)
        self._fd = fd
        return alone

    def others_open(self) -> bool:
        """Whether another instance has the database open now (this instance's own mark aside)."""
        if self._fd is None:
            return False
        try:
            # Our shared lock becomes exclusive only when no other open file holds one.
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_SH)
        return False

    def leave(self) -> None:
        """Drop this process's mark."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
