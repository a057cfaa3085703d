"""A deck folder's fingerprint: each file's size and mtime, and its SHA-256 when those changed.

Standard library only: the store imports it on the way to the first card, where the deck file loader
(Pydantic, YAML) would cost half a second.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FileStamp:
    """One deck file as found on disk."""

    path: str
    size: int
    mtime_ns: int
    sha256: str = ""  # filled only when needed: hashing every file at every start would cost the time saved


def scan(folder: Path) -> list[FileStamp]:
    """The deck files of ``folder`` (as the loader finds them) with their size and mtime (no hash yet)."""
    if folder.is_dir():
        files = sorted(f for f in [*folder.glob("*.yaml"), *folder.glob("*.yml")] if f.is_file())
    else:
        files = [folder] if folder.is_file() else []
    stamps: list[FileStamp] = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue  # gone between listing and stat: the next start sees it
        stamps.append(FileStamp(str(f.resolve()), st.st_size, st.st_mtime_ns))
    return stamps


def with_hash(stamp: FileStamp) -> FileStamp:
    """``stamp`` with the file's SHA-256 ("" when it cannot be read)."""
    try:
        digest = hashlib.sha256(Path(stamp.path).read_bytes()).hexdigest()
    except OSError:
        digest = ""
    return FileStamp(stamp.path, stamp.size, stamp.mtime_ns, digest)
