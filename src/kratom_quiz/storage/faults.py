"""Database faults a learner can meet, as one line that says what happened and what to do.

Driver errors carry SQL, parameters and codes meant for developers. Whatever path raised them (the ORM, the
hot path on the driver's connection, a migration), the CLI and the app pass them through ``user_error``
before showing anything. Nothing here imports SQLAlchemy: its errors are recognised by their ``orig``.
"""

from __future__ import annotations

import sqlite3

from kratom_quiz.errors import UserError

_RECOVERY = "run 'kratom-quiz db check', or 'kratom-quiz db restore' to go back to a backup"


class DatabaseFault(UserError):
    """A fault of the database or the disk under it, in one line; ``kind`` names it for tests and logs."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def describe(url: str) -> str:
    """How messages name a database: its file, or its URL without user and password."""
    from kratom_quiz.storage.quick import sqlite_file

    path = sqlite_file(url)
    if path is not None:
        return str(path)
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://{rest.rsplit('@', 1)[1]}"
    return url or "the database"


def user_error(exc: BaseException, where: str = "the database") -> UserError | None:
    """The fault behind ``exc`` as a one-line ``UserError``, or None when it is no database fault we know."""
    if isinstance(exc, UserError):
        return exc
    driver = getattr(exc, "orig", None) or exc
    if isinstance(driver, sqlite3.Error):
        return _sqlite_fault(driver, where)
    if type(driver).__module__.split(".")[0] == "psycopg":
        return _server_fault(driver, where)
    return None


def _sqlite_fault(exc: sqlite3.Error, where: str) -> DatabaseFault | None:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = " ".join(str(exc).encode("utf-8", "replace").decode("utf-8", "replace").split())[:160]
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DatabaseFault(
            "disk-full",
            f"the disk holding {where} is full: this change was not saved (everything saved before is kept); "
            "free some space and try again",
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return DatabaseFault("read-only", f"{where} is read-only: nothing can be saved; make it writable")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return DatabaseFault(
            "locked", f"{where} stayed locked by another program for more than 5 seconds; try again"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return DatabaseFault("damaged", f"{where} is damaged ({text}); it was not changed: {_RECOVERY}")
    if name.startswith("SQLITE_CONSTRAINT_UNIQUE") or name.startswith("SQLITE_CONSTRAINT_PRIMARYKEY"):
        why = "refused a change its indexes should allow (an index may be damaged)"
        return DatabaseFault("damaged", f"{where} {why}: {_RECOVERY}")
    if name.startswith(
        ("SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE", "SQLITE_IOERR_SHMSIZE")
    ):
        # A write the file system refused: most often a full disk or a file-size limit.
        return DatabaseFault(
            "write",
            f"could not write to {where} (the disk may be full or failing): this change was not saved "
            "(everything saved before is kept); free some space and try again",
        )
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return DatabaseFault("io", f"could not read or write {where} ({text}); check the disk and try again")
    if name.startswith("SQLITE_CANTOPEN"):
        return DatabaseFault("cannot-open", f"cannot open {where} ({text})")
    return None


def _server_fault(exc: BaseException, where: str) -> DatabaseFault | None:
    kind = type(exc).__name__
    first = (str(exc).strip().splitlines() or [kind])[0][:160]
    fatal = first.split("FATAL:", 1)[1].strip() if "FATAL:" in first else ""
    if fatal.startswith("password authentication failed") or (
        fatal.startswith("role ") and fatal.endswith("does not exist")
    ):
        # Not a lost connection: the server will not let this login in (a removed learner, say).
        return DatabaseFault(
            "login",
            f"{where} refused the login ({fatal}): it may have been removed or its password changed; "
            "ask whoever runs the class for your line to connect with",
        )
    if kind in ("OperationalError", "InterfaceError"):
        return DatabaseFault(
            "connection",
            f"lost the connection to {where} ({first}); what was saved before is kept: try again",
        )
    if kind == "InsufficientPrivilege":
        return DatabaseFault("denied", f"{where} refused: {first}")
    return None
