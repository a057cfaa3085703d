"""The app tells the user when it moves their keymap and which ids in it name no binding."""

from __future__ import annotations

import os
from pathlib import Path

from kratom_quiz.clock import fixed_clock
from kratom_quiz.config import Settings
from kratom_quiz.tui.app import make_app
from tests.tui.conftest import NOW
from tests.tui.helpers import settle


async def test_moved_keymap_and_unknown_ids_are_notified(
    settings: Settings, _isolated_data_dir: Path
) -> None:
    (_isolated_data_dir / "keymap.toml").write_text('"app.help" = "h"\n"home.studdy" = "x"\n', "utf-8")
    new = Path(os.environ["KRATOM_QUIZ_CONFIG_DIR"]) / "keymap.toml"
    app = make_app(settings, clock=fixed_clock(NOW), fuzz=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = [n.message for n in app._notifications]
    assert shown == [
        f"keymap.toml moved from the data folder to the config folder: {new}",
        f"{new}: no key has the id 'home.studdy', so it was ignored.",
    ]
    assert new.is_file() and not (_isolated_data_dir / "keymap.toml").exists()
