"""The log file: standard ``logging`` to a rotating file in the user's log folder, for the CLI and the app.

The level is WARNING; ``--verbose`` makes it INFO and ``KRATOM_QUIZ_LOG`` names any level (``DEBUG``,
``INFO``, ...). Nothing is opened or imported beyond ``logging`` until the first record is written, so
setting logging up costs the start of the app nothing it can measure.
"""

from __future__ import annotations

import logging
import os

from kratom_quiz import paths

LOG_ENV = "KRATOM_QUIZ_LOG"
LOG_FILE = "kratom-quiz.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _LazyRotatingFile(logging.Handler):
    """A rotating file handler made on the first record: no folder, file or ``logging.handlers`` before."""

    def __init__(self) -> None:
        super().__init__()
        self._inner: logging.Handler | None = None
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._failed:
            return
        if self._inner is None:
            try:
                from logging.handlers import RotatingFileHandler

                folder = paths.log_dir()
                folder.mkdir(parents=True, exist_ok=True)
                self._inner = RotatingFileHandler(
                    folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
                )
                self._inner.setFormatter(logging.Formatter(FORMAT))
            except OSError:
                self._failed = True  # an unwritable log folder must never stop the app
                return
        self._inner.emit(record)

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
        super().close()


def level_from(verbose: bool, env: str | None = None) -> tuple[int, str | None]:
    """The level asked for, and a problem line when ``KRATOM_QUIZ_LOG`` names no level."""
    level = logging.INFO if verbose else logging.WARNING
    raw = (env if env is not None else os.environ.get(LOG_ENV, "")).strip()
    if not raw:
        return level, None
    named = logging.getLevelName(raw.upper())
    if isinstance(named, int):
        return min(level, named), None
    return level, f"{LOG_ENV}={raw!r} is not a log level (DEBUG, INFO, WARNING, ERROR)"


def setup_logging(verbose: bool = False) -> str | None:
    """Send the app's records to the log file at the level asked for; returns a problem line or None.

    Called again (tests run the CLI many times in one process), it replaces its own handler.
    """
    level, problem = level_from(verbose)
    logger = logging.getLogger("kratom_quiz")
    for old in [h for h in logger.handlers if isinstance(h, _LazyRotatingFile)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(_LazyRotatingFile())
    logger.setLevel(level)
    return problem


def log_file() -> str:
    """Where the log file is (for ``doctor``)."""
    return str(paths.log_dir() / LOG_FILE)
