"""The app's crash handling: a report in the log folder and one line, not Textual's traceback.

Textual prints an unexpected exception's traceback with local variables when the app exits; those may hold
the learner's answers or a database password, and a wall of text helps nobody who cannot send it. The app
writes a crash report (``kratom_quiz.crash``) instead and leaves one line saying where it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App

from kratom_quiz.config import Settings


class CrashReporting(App[None]):
    """An app that turns an unexpected exception into a crash report and one line on exit."""

    settings: Settings
    crash_report: Path | None = None
    crash_message: str = ""
    crashed: bool = False

    def _handle_exception(self, error: Exception) -> None:
        from kratom_quiz.crash import crash_line, write_crash_report

        if self.crashed:  # errors after the first are its echoes, as the app goes down: one report
            super()._handle_exception(error)
            return
        self.crashed = True
        self.crash_report = write_crash_report(error, self.settings.db, where="app")
        self.crash_message = crash_line(self.crash_report, error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        self.bell()
        self._close_messages_no_wait()  # no traceback renderable: the report holds it

    def _print_error_renderables(self) -> None:
        super()._print_error_renderables()
        if self.crash_message:  # printed as is, once the terminal is back: rich would fold the path
            print(self.crash_message, file=sys.stderr)
            self.crash_message = ""
