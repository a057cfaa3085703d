"""A keymap file the user got wrong is reported in one line; the app still starts with its usual keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from kratom_quiz.tui.keymap import load_keymap


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('keys = "ctrl+u"\n', "'keys' should be a table of binding ids"),
        ('"study.undo" = 3\n', "'study.undo' should be a string of keys"),
        ('"study.undo" = \n', "Invalid value"),
    ],
)
def test_bad_keymap_is_one_clear_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    keymap, problems = load_keymap(path)
    assert keymap == {}
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: ")
    assert problem in problems[0]


def test_good_keymap_in_a_keys_table(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\n"study.undo" = "z"\n', encoding="utf-8")
    assert load_keymap(path) == ({"study.undo": "z"}, [])


async def test_an_unknown_id_is_named_and_a_known_one_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kratom_quiz.config import Settings
    from kratom_quiz.tui.app import make_app

    data = tmp_path / "data"
    data.mkdir()
    (data / "keymap.toml").write_text('"study.undoo" = "z"\n"study.undo" = "z"\n', encoding="utf-8")
    monkeypatch.setenv("KRATOM_QUIZ_DATA_DIR", str(data))
    decks = tmp_path / "decks"
    decks.mkdir()
    app = make_app(Settings(db=f"sqlite:///{tmp_path / 'k.db'}", decks=decks), fuzz=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any("'study.undoo'" in m and "ignored" in m for m in messages), messages
    assert not any("'study.undo'" in m for m in messages)
