"""Classroom mode: one PostgreSQL database for a class, each learner's rows kept to their own login.

``init`` and ``add_learner`` run with the database owner's URL (the owner creates roles and policies);
they return the URL each person connects with. See ``storage.classroom`` for what the policies allow.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy.engine import make_url

from kratom_quiz.domain.study import Learner
from kratom_quiz.errors import UserError
from kratom_quiz.services import core
from kratom_quiz.storage import Database, classroom
from kratom_quiz.storage.retry import retry_conflicts


@dataclass(frozen=True)
class Login:
    """A role created for a person, and the database URL they connect with (password included)."""

    name: str
    role: str
    url: str


def _require_server(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise UserError(
            "classroom mode needs a PostgreSQL database (--db postgresql+psycopg://OWNER@HOST/DB); "
            "on SQLite every learner can read the whole file"
        )


def role_name(prefix: str, name: str) -> str:
    """A PostgreSQL role name for a person: lowercase letters, digits and underscores."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    if not slug:
        raise UserError(f"cannot make a login name from {name!r}: use letters or digits")
    return f"{prefix}{slug}"[:63]


def _login_url(db: Database, role: str, password: str) -> str:
    url = make_url(db.url).set(username=role, password=password)
    return url.render_as_string(hide_password=False)


def _fail(action: str, exc: Exception) -> UserError:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return UserError(f"{action}: {reason}")


@retry_conflicts
def init(db: Database, teacher: str) -> Login:
    """Groups, grants and row-level security policies, and a login for the teacher."""
    _require_server(db)
    role = role_name("kq_t_", teacher)
    password = secrets.token_urlsafe(18)
    try:
        with db.engine.begin() as conn:
            classroom.install(conn)
            classroom.create_login(conn, role, password, classroom.TEACHERS_GROUP)
    except Exception as exc:
        if getattr(exc, "sqlstate", None) == "42501" or "permission denied" in str(exc):
            raise _fail("classroom init needs the database owner's URL (with CREATEROLE)", exc) from None
        raise
    return Login(teacher, role, _login_url(db, role, password))


def add_learner(db: Database, name: str) -> Login:
    """A learner (with every item new) and a login role that sees only that learner's rows.

    Refuses a name already here whatever its case ("Ada" and "ada" are one learner), and a login name
    already on the server.
    """
    _require_server(db)
    role = role_name("kq_l_", name)
    with db.engine.connect() as conn:
        if not classroom.installed(conn):
            raise UserError("run `kratom-quiz classroom init` first (no classroom in this database yet)")
    learner: Learner = core.add_learner(db, name)
    password = secrets.token_urlsafe(18)
    try:
        with db.engine.begin() as conn:
            # Roles are the whole server's: an existing one is another learner's login (here, or in another
            # class on this server); taking it over would change their password and mapping.
            if classroom.role_exists(conn, role):
                raise UserError(
                    f"the login name {role!r} made from {name!r} is already taken on this server: "
                    "choose a name that differs in more than case or punctuation"
                )
            classroom.create_login(conn, role, password, classroom.LEARNERS_GROUP)
            classroom.map_learner(conn, role, learner.id)
    except UserError:
        core.remove_learner(db, learner.id)  # no learner left without a login
        raise
    except Exception as exc:
        core.remove_learner(db, learner.id)
        raise _fail(f"cannot create the login {role!r} for {name!r}", exc) from None
    return Login(learner.name, role, _login_url(db, role, password))
