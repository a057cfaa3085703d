"""Who a connection is in a class: decides whether the TUI offers the Class screen.

The reports themselves are ``services.analysis``.
"""

from __future__ import annotations

from enum import Enum

from kratom_quiz.storage import Database, classroom


class Access(Enum):
    """Who the connection is, as far as the class reports go."""

    SHARED_FILE = "shared file"
    """SQLite: every learner of the file is readable (nothing keeps them apart), so the reports are open."""
    OWNER = "owner"
    """A PostgreSQL login in neither classroom group: the owner (or a server without classroom mode)."""
    TEACHER = "teacher"
    LEARNER = "learner"
    """A classroom learner's login: it sees only its own rows, so a class report would be one row."""

    @property
    def sees_the_class(self) -> bool:
        return self is not Access.LEARNER

    @property
    def reads_a_server(self) -> bool:
        """A teacher's or owner's login on a classroom server: it has no learner of its own to study as."""
        return self in (Access.TEACHER, Access.OWNER)


def access(db: Database) -> Access:
    """This connection's place in the class (one catalogue query on PostgreSQL, none on SQLite)."""
    if db.is_sqlite:
        return Access.SHARED_FILE
    groups = classroom.class_groups(db.engine)
    if classroom.TEACHERS_GROUP in groups:
        return Access.TEACHER
    if classroom.LEARNERS_GROUP in groups:
        return Access.LEARNER
    return Access.OWNER
