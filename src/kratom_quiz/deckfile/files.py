"""Finding deck files and reading their bytes safely, with problems reported at their position."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kratom_quiz.deckfile import safeyaml

MAX_BYTES = 5 * 1024 * 1024
Path_ = safeyaml.Path


class Reporter:
    """Collects problems of one file, formatting them with position and card id."""

    def __init__(self, display: str, doc: safeyaml.Document | None = None) -> None:
        self.display = display
        self.doc = doc
        self.lines: list[str] = []

    def at(self, pos: safeyaml.Pos, message: str) -> None:
        self.lines.append(f"{self.display}:{pos.line}:{pos.column}: {message}")

    def path(self, path: Path_, message: str) -> None:
        assert self.doc is not None
        self.at_path(self.doc.pos(path), path, message)

    def at_path(self, pos: safeyaml.Pos, path: Path_, message: str) -> None:
        """Report at ``pos``, naming the card that ``path`` lies in (if any)."""
        assert self.doc is not None
        prefix = ""
        if len(path) >= 2 and path[0] == "cards" and isinstance(path[1], int):
            cards = self.doc.data.get("cards") if isinstance(self.doc.data, dict) else None
            raw = cards[path[1]] if isinstance(cards, list) and path[1] < len(cards) else None
            card_id = raw.get("id") if isinstance(raw, dict) else None
            prefix = f"card '{card_id}': " if isinstance(card_id, str) else f"card #{path[1] + 1}: "
        self.at(pos, prefix + message)


def find_deck_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders to their ``*.yaml``/``*.yml`` files (sorted); report paths that do not exist.

    Only regular files are deck files (a link to one is fine): a named pipe would block the reader for
    ever and a link to a device would never end, so they are reported, not read.
    """
    files: list[Path] = []
    errors: list[str] = []
    for p in paths:
        if p.is_dir():
            found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
            regular = [f for f in found if f.is_file()]
            errors.extend(
                f"{f}: not a regular file (a pipe, device or broken link); skipped"
                for f in found
                if not f.is_file()
            )
            if not found:
                errors.append(f"{p}: no deck files (*.yaml) in this folder")
            files.extend(regular)
        elif p.is_file():
            files.append(p)
        elif p.exists():
            errors.append(f"{p}: not a regular file (a pipe, device or socket)")
        else:
            errors.append(f"{p}: no such file or folder")
    return files, errors


def decode(raw: bytes, rep: Reporter, size: int = 0) -> str | None:
    """The text of a deck file's bytes, or None after reporting why not (too large, not UTF-8, control
    characters, each with its position)."""
    if len(raw) > MAX_BYTES:
        size = max(size, len(raw))
        rep.at(safeyaml.Pos(1, 1), f"file is {size / 1e6:.1f} MB; deck files are limited to 5 MB")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        rep.at(safeyaml.Pos(line, column), f"text is not UTF-8 (byte 0x{raw[exc.start]:02x})")
        return None
    text = text.removeprefix("\ufeff")
    # Raw control characters: named with their exact position (the YAML reader would give an offset only).
    for lineno, text_line in enumerate(text.split("\n"), 1):
        match = safeyaml.CONTROL.search(text_line)
        if match:
            message = safeyaml.control_character_message(match.group()) or ""
            rep.at(safeyaml.Pos(lineno, match.start() + 1), message)
    return None if rep.lines else text
