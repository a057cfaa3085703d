"""What every start of ``kratom-quiz`` does, with or without the command line: set up the run, and turn an
exception into one line and an exit code. Kept apart from ``cli`` so the app can start without building it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from kratom_quiz.config import Settings, load_settings
from kratom_quiz.errors import UserError


def say(line: str) -> None:
    """One line for the user, on stderr."""
    print(line, file=sys.stderr, flush=True)


def begin_run(db: str | None, decks: Path | None, *, verbose: bool, log: logging.Logger) -> Settings:
    """Set up the log file, choose the settings, and log the run (its passwords hidden)."""
    from kratom_quiz.logs import setup_logging

    problem = setup_logging(verbose)
    if problem:
        say(f"kratom-quiz: {problem}")
    settings = load_settings(db, decks)
    if log.isEnabledFor(logging.INFO):
        from kratom_quiz.crash import hide_password

        log.info("run: %s", hide_password(" ".join(sys.argv[1:])) or "the app")
    return settings


def guarded(run: Callable[[], object], db_url: Callable[[], str | None]) -> None:
    """Run ``run``: a user error or a database fault becomes one line and exit 1, Ctrl+C exit 130, and
    anything else (our bug) a crash report and one line to find it. ``db_url`` names the database, if chosen.
    """
    try:
        run()
    except UserError as exc:
        say(f"kratom-quiz: {exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from kratom_quiz.storage.faults import describe, user_error

        url = db_url()
        fault = user_error(exc, describe(url or ""))
        if fault is not None:
            say(f"kratom-quiz: {fault}")
            sys.exit(1)
        from kratom_quiz.crash import crash_line, write_crash_report

        say(crash_line(write_crash_report(exc, url, where="command line"), exc))
        sys.exit(1)
