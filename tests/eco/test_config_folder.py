"""The keymap lives in the config folder; one left in the data folder is moved once, and the user told."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kratom_quiz.cli.doctor import unknown_ids
from kratom_quiz.tui.keymap import keymap_path, load_keymap


def _config() -> Path:
    return Path(os.environ["KRATOM_QUIZ_CONFIG_DIR"])


def test_keymap_is_read_from_the_config_folder() -> None:
    (_config() / "keymap.toml").write_text('"study.undo" = "z"\n', encoding="utf-8")
    assert keymap_path() == _config() / "keymap.toml"
    assert load_keymap() == ({"study.undo": "z"}, [])


def test_a_keymap_in_the_old_place_is_moved_once(_isolated_data_dir: Path) -> None:
    old = _isolated_data_dir / "keymap.toml"
    old.write_text('"app.help" = "h"\n', encoding="utf-8")
    keymap, notices = load_keymap()
    assert keymap == {"app.help": "h"}
    assert notices == [
        f"keymap.toml moved from the data folder to the config folder: {_config() / 'keymap.toml'}"
    ]
    assert not old.exists()
    assert load_keymap() == ({"app.help": "h"}, [])  # told once


def test_an_old_keymap_beside_a_new_one_is_not_read(_isolated_data_dir: Path) -> None:
    (_isolated_data_dir / "keymap.toml").write_text('"app.help" = "h"\n', encoding="utf-8")
    (_config() / "keymap.toml").write_text('"app.help" = "j"\n', encoding="utf-8")
    keymap, notices = load_keymap()
    assert keymap == {"app.help": "j"}
    assert notices == [
        f"{_isolated_data_dir / 'keymap.toml'} is not read: the keymap.toml in use is "
        f"{_config() / 'keymap.toml'} (delete the old one)"
    ]


def test_unknown_keys_and_ids_are_reported_by_name() -> None:
    path = _config() / "keymap.toml"
    path.write_text('colour = "red"\n[keys]\n"study.undo" = "z"\n"study.und" = "u"\n', encoding="utf-8")
    keymap, problems = load_keymap()
    assert problems == [f"{path}: unknown key 'colour' (only a [keys] table is read)"]
    assert unknown_ids(keymap, path) == [f"{path}: no key has the id 'study.und', so it was ignored."]


def test_config_folder_defaults_to_the_platform_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_path

    monkeypatch.delenv("KRATOM_QUIZ_CONFIG_DIR")
    assert keymap_path() == user_config_path("kratom-quiz", appauthor=False) / "keymap.toml"
