"""Classroom mode on PostgreSQL: a teacher role, one login role per learner, row-level security.

Run by the database owner. Every learner role is a member of ``kq_learners``; the policies let a member
see and change only the rows of the learner its login is mapped to (``classroom_roles``), found with
``current_user`` (evaluated in the policy, as the caller: inside a SECURITY DEFINER function it would be
the owner) through a SECURITY DEFINER function, so a learner cannot read the mapping table itself. The
teacher role (``kq_teachers``) reads every row and may remove a learner, only through
``kq_remove_learner``: a SECURITY DEFINER function that runs as the owner, so the learner's rows cascade
away and their login role is dropped with them (the teacher may not drop roles itself). It is granted no
other write on a learner's rows. Decks and items are read-only to both: the owner syncs them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, text

from kratom_quiz.errors import UserError

LEARNERS_GROUP = "kq_learners"
TEACHERS_GROUP = "kq_teachers"

OWN_ROWS = ("learner_settings", "fsrs_parameters", "card_state", "review_log")
"""Tables whose rows belong to one learner (column ``learner_id``)."""
SHARED = ("decks", "deck_headers", "deck_files", "items", "alembic_version", "content_version")
COUNTERS = "learner_versions"
"""Each learner's change counter (storage.versions): bumped by SECURITY DEFINER triggers; only read here."""

_ME = "(SELECT kq_learner_id(current_user))"  # a sub-select: evaluated once per statement, not per row

LEARNER_ID_FUNCTION = """CREATE OR REPLACE FUNCTION kq_learner_id(who name) RETURNS integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN RETURN (SELECT learner_id FROM classroom_roles WHERE role = who); END $$"""
"""Every policy calls it once per statement: PL/pgSQL keeps its query's plan for the session, where a SQL
function's is made again at each call (about a quarter of the server's work for an answer, measured)."""

_SETUP = f"""
CREATE TABLE IF NOT EXISTS classroom_roles (
    role name PRIMARY KEY,
    learner_id integer UNIQUE REFERENCES learners(id) ON DELETE CASCADE
);
REVOKE ALL ON classroom_roles FROM PUBLIC;
{LEARNER_ID_FUNCTION};
REVOKE ALL ON FUNCTION kq_learner_id(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kq_learner_id(name) TO {LEARNERS_GROUP}, {TEACHERS_GROUP};
GRANT USAGE ON SCHEMA {{schema}} TO {LEARNERS_GROUP}, {TEACHERS_GROUP};
GRANT SELECT ON {", ".join(SHARED)} TO {LEARNERS_GROUP}, {TEACHERS_GROUP};
GRANT SELECT ON learners, {", ".join(OWN_ROWS)} TO {TEACHERS_GROUP};
REVOKE DELETE ON learners FROM {TEACHERS_GROUP};
GRANT SELECT ON learners TO {LEARNERS_GROUP};
GRANT SELECT, INSERT, UPDATE, DELETE ON {", ".join(OWN_ROWS)} TO {LEARNERS_GROUP};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA {{schema}} TO {LEARNERS_GROUP};
ALTER TABLE learners ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS learner_self ON learners;
CREATE POLICY learner_self ON learners FOR SELECT TO {LEARNERS_GROUP} USING (id = {_ME});
DROP POLICY IF EXISTS teacher_reads ON learners;
CREATE POLICY teacher_reads ON learners FOR SELECT TO {TEACHERS_GROUP} USING (true);
DROP POLICY IF EXISTS teacher_removes ON learners;
GRANT SELECT ON {COUNTERS} TO {LEARNERS_GROUP}, {TEACHERS_GROUP};
ALTER TABLE {COUNTERS} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS learner_own ON {COUNTERS};
CREATE POLICY learner_own ON {COUNTERS} FOR SELECT TO {LEARNERS_GROUP} USING (learner_id = {_ME});
DROP POLICY IF EXISTS teacher_reads ON {COUNTERS};
CREATE POLICY teacher_reads ON {COUNTERS} FOR SELECT TO {TEACHERS_GROUP} USING (true);
CREATE OR REPLACE FUNCTION kq_remove_learner(who integer) RETURNS name
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$
DECLARE
    login name;
BEGIN
    SELECT role INTO login FROM classroom_roles WHERE learner_id = who;
    -- The rows first (their mapping cascades with them), then the role, which then owns nothing here and
    -- holds only its group membership, which DROP ROLE removes.
    DELETE FROM learners WHERE id = who;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no learner with id %', who USING ERRCODE = 'no_data_found';
    END IF;
    IF login IS NOT NULL AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('DROP ROLE %I', login);
    END IF;
    RETURN login;
END
$$;
REVOKE ALL ON FUNCTION kq_remove_learner(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kq_remove_learner(integer) TO {TEACHERS_GROUP};
"""

_OWN_TABLE = f"""
ALTER TABLE {{table}} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS learner_own ON {{table}};
CREATE POLICY learner_own ON {{table}} FOR ALL TO {LEARNERS_GROUP}
    USING (learner_id = {_ME}) WITH CHECK (learner_id = {_ME});
DROP POLICY IF EXISTS teacher_reads ON {{table}};
CREATE POLICY teacher_reads ON {{table}} FOR SELECT TO {TEACHERS_GROUP} USING (true);
"""


def _driver(conn: Connection) -> Any:
    return conn.connection.driver_connection


def _quote_ident(conn: Connection, name: str) -> str:
    from psycopg import sql  # the optional driver: classroom mode needs it anyway

    return str(sql.Identifier(name).as_string(_driver(conn)))


def _quote_literal(conn: Connection, value: str) -> str:
    from psycopg import sql

    return str(sql.Literal(value).as_string(_driver(conn)))


def role_exists(conn: Connection, role: str) -> bool:
    cur = _driver(conn).execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
    return cur.fetchone() is not None


def installed(conn: Connection) -> bool:
    """Whether ``install`` ran in the connection's current schema."""
    return _driver(conn).execute("SELECT to_regclass('classroom_roles')").fetchone()[0] is not None


def ensure_group(conn: Connection, group: str) -> None:
    if not role_exists(conn, group):
        _driver(conn).execute(f"CREATE ROLE {_quote_ident(conn, group)} NOLOGIN")


def install(conn: Connection) -> None:
    """Groups, grants and policies (idempotent), in the connection's current schema."""
    ensure_group(conn, LEARNERS_GROUP)
    ensure_group(conn, TEACHERS_GROUP)
    schema = _driver(conn).execute("SELECT current_schema()").fetchone()[0]
    driver = _driver(conn)
    driver.execute(_SETUP.format(schema=_quote_ident(conn, schema)))
    for table in OWN_ROWS:
        driver.execute(_OWN_TABLE.format(table=table))


def create_login(conn: Connection, role: str, password: str, group: str) -> None:
    """A login role in ``group`` (its password replaced when the role exists)."""
    ident, pw = _quote_ident(conn, role), _quote_literal(conn, password)
    verb = "ALTER" if role_exists(conn, role) else "CREATE"
    _driver(conn).execute(f"{verb} ROLE {ident} LOGIN PASSWORD {pw}")
    _driver(conn).execute(f"GRANT {_quote_ident(conn, group)} TO {ident}")


def map_learner(conn: Connection, role: str, learner_id: int) -> None:
    _driver(conn).execute(
        "INSERT INTO classroom_roles (role, learner_id) VALUES (%s, %s) "
        "ON CONFLICT (role) DO UPDATE SET learner_id = excluded.learner_id",
        (role, learner_id),
    )


def remove_learner(conn: Connection, learner_id: int) -> str | None:
    """Delete a learner with their rows and drop their login role; returns the role dropped, if any.

    Runs ``kq_remove_learner`` (as the owner who installed the class), which the owner and the teacher
    may call and a learner may not.

    Raises:
        UserError: no such learner, a login that may not remove learners, or a class installed before the
            function existed.
    """
    from psycopg import errors  # the optional driver: classroom mode needs it anyway

    driver = _driver(conn)
    try:
        row = driver.execute("SELECT kq_remove_learner(%s)", (learner_id,)).fetchone()
    except errors.NoDataFound:
        raise UserError(f"no learner with id {learner_id}") from None
    except errors.InsufficientPrivilege:
        who = driver.info.user  # not asked of the server: the failed statement ended the transaction
        raise UserError(
            f"only the class's teacher or owner may remove a learner: the login {who!r} may not"
        ) from None
    except errors.DependentObjectsStillExist as exc:  # granted something, or owning something, by hand
        reason = str(exc).strip().splitlines()[0]
        raise UserError(
            f"{reason}: nothing was removed; revoke what was granted to that login (or REASSIGN OWNED), "
            "then try again"
        ) from None
    except errors.UndefinedFunction:
        raise UserError(
            "this class was set up by an older kratom-quiz: run `kratom-quiz classroom init` again with the "
            "owner's URL before removing learners"
        ) from None
    return None if row is None or row[0] is None else str(row[0])


def may_change_decks(engine: Engine) -> bool:
    """Whether this login may sync decks (not a classroom learner's or teacher's)."""
    with engine.connect() as conn:
        return bool(conn.execute(text("SELECT has_table_privilege('decks', 'UPDATE')")).scalar())


def class_groups(engine: Engine) -> frozenset[str]:
    """The classroom groups (``kq_learners``, ``kq_teachers``) this login was granted directly.

    Read from ``pg_auth_members`` rather than ``pg_has_role``: for a superuser (a class's owner may be
    one) ``pg_has_role`` is true of every role, which would make the owner look like a learner.
    """
    query = text(
        "SELECT g.rolname FROM pg_auth_members m "
        "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
        "WHERE u.rolname = current_user AND g.rolname IN (:learners, :teachers)"
    )
    with engine.connect() as conn:
        rows = conn.execute(query, {"learners": LEARNERS_GROUP, "teachers": TEACHERS_GROUP})
        return frozenset(str(r[0]) for r in rows)
