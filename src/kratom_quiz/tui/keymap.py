"""The user's key remapping: ``<data_dir>/keymap.toml`` maps binding ids to keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kratom_quiz import paths

KEYMAP_FILE = "keymap.toml"


def keymap_path() -> Path:
    """Where the keymap file lives."""
    return paths.data_dir() / KEYMAP_FILE


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Binding id → keys (comma-separated) from the file, and the problems found in it.

    The file is a flat TOML table (or a ``[keys]`` table), e.g. ``"study.undo" = "ctrl+u"``.
    A missing file is an empty keymap.
    """
    target = path or keymap_path()
    if not target.is_file():
        return {}, []
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{target}: {exc}"]
    table = data.get("keys", data)
    if not isinstance(table, dict):
        return {}, [f'{target}: \'keys\' should be a table of binding ids, e.g. [keys] "study.undo" = "z"']
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[binding_id] = keys
        else:
            problems.append(f"{target}: '{binding_id}' should be a string of keys")
    return keymap, problems
