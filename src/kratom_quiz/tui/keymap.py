"""The user's key remapping: ``<config folder>/keymap.toml`` maps binding ids to keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kratom_quiz import paths

KEYMAP_FILE = "keymap.toml"


def keymap_path() -> Path:
    """Where the keymap file lives: the user config folder (``KRATOM_QUIZ_CONFIG_DIR`` overrides it)."""
    return paths.config_dir() / KEYMAP_FILE


def move_from_data_folder(name: str = KEYMAP_FILE) -> str | None:
    """Move a config file left in the data folder (where older versions kept it) to the config folder.

    Done once: afterwards the old place is empty. Returns the line telling the user, or None.
    """
    old, new = paths.data_dir() / name, paths.config_dir() / name
    if not old.is_file() or old.resolve() == new.resolve():
        return None
    if new.exists():
        return f"{old} is not read: the {name} in use is {new} (delete the old one)"
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        old.replace(new)
    except OSError as exc:
        return f"could not move {old} to {new}: {exc.strerror or exc}; it is read from the old place"
    return f"{name} moved from the data folder to the config folder: {new}"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Binding id → keys (comma-separated) from the file, and the problems found in it.

    The file is a flat TOML table (or a ``[keys]`` table), e.g. ``"study.undo" = "ctrl+u"``.
    A missing file is an empty keymap. Without ``path``, a file in the old place is moved first (its
    notice comes first among the problems).
    """
    notices: list[str] = []
    if path is None:
        moved = move_from_data_folder()
        if moved:
            notices.append(moved)
        target = keymap_path()
        if not target.is_file() and (paths.data_dir() / KEYMAP_FILE).is_file():
            target = paths.data_dir() / KEYMAP_FILE  # the move failed: still honour the user's keys
    else:
        target = path
    if not target.is_file():
        return {}, notices
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [*notices, f"{target}: {exc}"]
    table = data.get("keys", data)
    if not isinstance(table, dict):
        return {}, [
            *notices,
            f'{target}: \'keys\' should be a table of binding ids, e.g. [keys] "study.undo" = "z"',
        ]
    problems = [*notices]
    if "keys" in data:
        problems += [
            f"{target}: unknown key '{other}' (only a [keys] table is read)"
            for other in data
            if other != "keys"
        ]
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[binding_id] = keys
        else:
            problems.append(f"{target}: '{binding_id}' should be a string of keys")
    return keymap, problems
