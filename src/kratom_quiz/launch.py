"""The ``kratom-quiz`` command: with no argument, the study app at once; with any, the command line.

Building the command line costs about 100 ms before the app's first frame on a quiet 2-core machine
(typer, the pydantic adapters typer builds for the options, and every command module), and a bare
``kratom-quiz`` (most starts) uses none of it. The app runs exactly as the command line would run it: the
same log set-up, settings (``KRATOM_QUIZ_DB`` and ``KRATOM_QUIZ_DECKS`` from the environment) and error
lines (``entry``). Shell completion also calls the command with no argument, but sets
``_KRATOM_QUIZ_COMPLETE``: that goes to the command line.
"""

from __future__ import annotations

import os
import sys

COMPLETE_ENV = "_KRATOM_QUIZ_COMPLETE"


def main() -> None:
    """Console entry point."""
    if len(sys.argv) > 1 or COMPLETE_ENV in os.environ:
        from kratom_quiz.cli import main as cli_main

        cli_main()
        return
    import logging

    from kratom_quiz.config import Settings
    from kratom_quiz.entry import begin_run, guarded

    chosen: list[Settings] = []

    def run() -> None:
        chosen.append(begin_run(None, None, verbose=False, log=logging.getLogger("kratom_quiz.cli")))
        from kratom_quiz.tui.app import run_app

        run_app(chosen[0])

    guarded(run, lambda: chosen[0].db if chosen else None)
