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
