"""A crash in the app leaves a crash report and one line on exit, not Textual's traceback with locals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from tests.tui.conftest import NOW
from tests.tui.helpers import settle


async def test_forced_crash_in_the_app_writes_a_report(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom() -> None:
        learner_answer = "a private answer"
        raise RuntimeError(f"forced in the app ({len(learner_answer)})")

    app = make_app(settings, clock=lambda: NOW, fuzz=False)
    with pytest.raises(RuntimeError, match="forced in the app"):
        async with app.run_test() as pilot:
            await settle(pilot)
            app.call_later(boom)  # an exception in the app's own event loop, as a bug would raise
            await pilot.pause()
    reports = sorted(Path(os.environ["KRATOM_QUIZ_LOG_DIR"]).glob("crash-*.txt"))
    assert [app.crash_report] == reports
    text = reports[0].read_text(encoding="utf-8")
    assert "crashed in the app" in text and "RuntimeError: forced in the app (16)" in text
    assert "a private answer" not in text
    assert f"database: {settings.db}" in text
    # What the terminal shows on exit: the one line, in place of the traceback.
    assert capsys.readouterr().err.strip() == (
        f"kratom-quiz crashed unexpectedly; the crash report is in {reports[0]} (please send it to us)."
    )
