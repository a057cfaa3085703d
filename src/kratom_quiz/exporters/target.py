"""Where an export may be written: a new file, or an earlier export of ours; never the database or a deck.

An export replaces its file whole, so a wrong ``-o`` would destroy whatever was there: the learner's database
(their months of answers), a deck file, any document. What is there is recognised by its content, not its
name: a package is ours when its collection holds our note types, a text file when it starts with our header.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Iterable
from enum import Enum
from pathlib import Path

from kratom_quiz.errors import UserError
from kratom_quiz.exporters.notes import NOTE_TYPES

MAX_SNIFF_BYTES = 64 * 1024 * 1024
"""A larger file is no export of ours worth reading whole to find out."""


class ExportKind(Enum):
    """The two export formats."""

    APKG = ".apkg"
    TEXT = ".txt"


def check_target(
    path: Path,
    kind: ExportKind,
    *,
    force: bool,
    protected: Iterable[Path] = (),
    force_hint: str = "use --force to replace it",
) -> None:
    """Raise a one-line ``UserError`` unless ``path`` may be (re)written by an export of ``kind``.

    Args:
        path: where the export would go.
        kind: which export.
        force: replace a file that is not an earlier export (never one of ``protected``).
        force_hint: how the message tells the user to replace such a file anyway.
        protected: files no export may replace, whatever ``force`` says: the database in use and its side
            files, the deck files.
    """
    if path.is_dir():
        raise UserError(f"{path} is a folder; give the file name to write")
    if not path.parent.is_dir():
        raise UserError(f"no such folder: {path.parent}")
    resolved = path.resolve()
    for other in protected:
        if resolved == other.resolve():
            raise UserError(f"{path} is {_describe(other)}; an export never replaces it")
    if not path.exists() or force:
        return
    if not path.is_file():
        raise UserError(f"{path} is not a regular file; refusing to replace it")
    if not _is_our_export(path, kind):
        raise UserError(f"{path} exists and is not a kratom-quiz export; {force_hint}")


def database_files(db_file: Path | None) -> list[Path]:
    """The database file and the side files SQLite keeps beside it."""
    if db_file is None:
        return []
    return [db_file, *(Path(f"{db_file}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


def _describe(path: Path) -> str:
    if path.suffix in (".yaml", ".yml"):
        return "a deck file"
    return "the database in use (or one of its files)"


def _is_our_export(path: Path, kind: ExportKind) -> bool:
    try:
        if path.stat().st_size > MAX_SNIFF_BYTES:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    if kind is ExportKind.TEXT:
        from kratom_quiz.exporters.text import HEADER

        header = HEADER.encode()
        return data == header or (
            data.startswith(header) and b"\tKratom Quiz::" in data[: len(header) + 4096]
        )
    return _is_our_package(data)


def _is_our_package(data: bytes) -> bool:
    """A zip whose Anki collection defines at least one of our note types (by their fixed ids)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            collection = zf.read("collection.anki2")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(collection)
        row = conn.execute("SELECT models FROM col").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    models = str(row[0]) if row else ""
    return any(f'"{spec.id}"' in models for spec in NOTE_TYPES.values())
