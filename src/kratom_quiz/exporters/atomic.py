"""Write a file all at once: into a temporary file beside it, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kratom_quiz.errors import UserError


def _umask() -> int:
    # Reading the umask with os.umask() changes it for a moment, which would race with other threads.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file whose content replaces ``path`` only when the block ends without error.

    Readers never see a half-written file, an existing ``path`` is untouched on failure and the
    temporary file is removed. Operating system errors become a one-line ``UserError`` naming the path.
    """
    target = Path(path)
    try:
        # mkstemp makes a private file (0600); give the export the mode of the file it replaces, or the usual.
        mode = target.stat().st_mode & 0o777 if target.is_file() else 0o666 & ~_umask()
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"cannot write {target}: {_describe(exc)}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {target}: {_describe(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
