"""When each exported note's content last changed, so a re-import into Anki updates only edited notes.

Anki applies an imported note over the one it has only when the imported note is newer. Stamping every
note with the export time made each import rewrite every note, wiping a learner's own tags and notes (and
Anki's ``marked`` and ``leech`` tags) on notes we never changed. The ledger remembers, per GUID, a digest
of what we exported and when that content first appeared; unchanged content keeps its old time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from kratom_quiz.errors import UserError
from kratom_quiz.exporters.atomic import atomic_write

LEDGER_NAME = "anki-export-stamps.json"


def digest(parts: Iterable[str]) -> str:
    """A digest of a note's (or note type's) content; parts are separated so they cannot run together."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
        h.update(b"\x1f")
    return h.hexdigest()[:32]


class Stamps:
    """GUID -> (content digest, modification time in whole seconds), read from and saved to one JSON file.

    A missing or unreadable ledger is an empty one: the worst that follows is one import that rewrites
    every note, as before the ledger existed.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, tuple[str, int]] = {}
        self._changed = False
        if path is not None:
            self._entries = _read(path)

    def stamp(self, key: str, content: str, now: int) -> int:
        """The modification time for ``key`` with this ``content`` digest: the old time when unchanged."""
        known = self._entries.get(key)
        if known is not None and known[0] == content:
            return known[1]
        # Strictly newer than what Anki has: an edit exported within the same second still wins.
        stamp = now if known is None else max(now, known[1] + 1)
        self._entries[key] = (content, stamp)
        self._changed = True
        return stamp

    def save(self) -> None:
        """Write the ledger if anything changed (atomically; a failure to save is not an export failure)."""
        if self.path is None or not self._changed:
            return
        data = json.dumps({k: list(v) for k, v in sorted(self._entries.items())}, indent=0)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(self.path) as out:
                out.write(data.encode())
        except (OSError, UserError):
            # The export itself is written; the ledger is only a cache, so its failure is not the export's.
            return
        self._changed = False


def _read(path: Path) -> dict[str, tuple[str, int]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    entries: dict[str, tuple[str, int]] = {}
    for key, value in raw.items():
        if (
            isinstance(key, str)
            and isinstance(value, list)
            and len(value) == 2
            and isinstance(value[0], str)
            and isinstance(value[1], int)
        ):
            entries[key] = (value[0], value[1])
    return entries
