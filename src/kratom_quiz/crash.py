"""Crash reports: an unexpected exception leaves a file in the log folder and one line for the user.

The report holds the traceback without local variables (they may hold answers or a password), the version,
the platform and the database URL with any password hidden. The last ``KEEP`` reports are kept.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from kratom_quiz import paths

KEEP = 10
PREFIX = "crash-"
_PASSWORD = re.compile(r"(?P<head>[A-Za-z][\w+.-]*://[^:/@\s]*):[^@/\s]*@")


def hide_password(url: str) -> str:
    """``url`` (or a command line holding URLs) with each ``user:password@`` password shown as ``***``."""
    return _PASSWORD.sub(r"\g<head>:***@", url)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kratom-quiz")
    except PackageNotFoundError:
        return "unknown"


def report_text(error: BaseException, db_url: str | None, *, where: str) -> str:
    """The crash report for ``error``."""
    import platform
    import sys
    import traceback

    lines = [
        f"kratom-quiz {_version()} crashed in the {where}",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"database: {hide_password(db_url) if db_url else 'not chosen yet'}",
        f"command: {hide_password(' '.join(sys.argv[1:])) or '(none)'}",
        "",
        "".join(traceback.format_exception(error)).rstrip(),  # frames and lines only, never the locals
        "",
    ]
    return "\n".join(lines)


def write_crash_report(error: BaseException, db_url: str | None, *, where: str) -> Path | None:
    """Write a report for ``error`` to the log folder and keep the newest ``KEEP``; None if unwritable."""
    import logging

    folder = paths.log_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{PREFIX}{stamp}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(report_text(error, db_url, where=where), encoding="utf-8")
        for old in sorted(folder.glob(f"{PREFIX}*.txt"))[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return None
    logging.getLogger("kratom_quiz").error("crashed: %r (report: %s)", error, target)
    return target


def crash_line(report: Path | None, error: BaseException) -> str:
    """The one line the user sees."""
    if report is None:
        return f"kratom-quiz crashed ({type(error).__name__}: {error}); no crash report could be written."
    return f"kratom-quiz crashed unexpectedly; the crash report is in {report} (please send it to us)."
