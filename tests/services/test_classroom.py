"""Classroom mode: each learner's login sees and changes only that learner's rows; the teacher reads all."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kratom_quiz import services
from kratom_quiz.domain.study import Rating
from kratom_quiz.errors import UserError
from kratom_quiz.services import classroom
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck


class Class:
    def __init__(self, owner: Database) -> None:
        tag = uuid.uuid4().hex[:6]  # roles are the cluster's, not the schema's: one set per test
        services.sync_decks(owner, [deck(card("a"), card("b"), card("c"))])
        self.teacher = classroom.init(owner, f"teach{tag}")
        self.ada = classroom.add_learner(owner, f"ada{tag}")
        self.bob = classroom.add_learner(owner, f"bob{tag}")
        self.ids = {x.name: x.id for x in services.list_learners(owner)}


@pytest.fixture
def klass(db: Database) -> Class:
    if db.is_sqlite:
        pytest.skip("classroom mode is PostgreSQL's")
    return Class(db)


@pytest.fixture
def ada(klass: Class) -> Iterator[Database]:
    with services.open_database(klass.ada.url, fuzz=False) as found:
        yield found


def _answer(db: Database, learner_id: int) -> None:
    due = services.next_card(db, learner_id, NOW)
    assert due is not None
    services.record_review(db, learner_id, due.item.key, Rating.GOOD, now=NOW, suggested=None,
                           answer="", correct=True, duration_ms=5)  # fmt: skip


def _sql(db: Database, statement: str, **params: object) -> list[tuple[object, ...]]:
    with db.engine.begin() as conn:
        return [tuple(r) for r in conn.execute(sa.text(statement), params)]


def test_on_sqlite_classroom_mode_is_refused_in_one_line(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("about SQLite")
    with pytest.raises(UserError, match="classroom mode needs a PostgreSQL database"):
        classroom.init(db, "teacher")


def test_a_learner_sees_only_their_own_rows_and_studies_as_usual(klass: Class, ada: Database) -> None:
    [me] = services.list_learners(ada)  # the other learners are not even listed
    assert me.name == klass.ada.name
    with services.open_database(klass.bob.url, fuzz=False) as bob:
        _answer(bob, klass.ids[klass.bob.name])
    _answer(ada, me.id)
    assert _sql(ada, "SELECT DISTINCT learner_id FROM review_log") == [(me.id,)]
    assert _sql(ada, "SELECT DISTINCT learner_id FROM card_state") == [(me.id,)]
    assert _sql(ada, "SELECT count(*) FROM learner_settings") == [(1,)]
    assert _sql(ada, "SELECT count(*) FROM items") == [(3,)]  # the decks are everyone's
    assert services.stats(ada, me.id, NOW).total_reviews == 1
    assert services.undo_last(ada, me.id) is not None


def test_a_learner_cannot_write_another_learners_rows(klass: Class, ada: Database) -> None:
    bob_id = klass.ids[klass.bob.name]
    with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):
        _sql(ada, "INSERT INTO review_log (id, learner_id, item_id, rating, answer, correct, reviewed_at, "
                  "duration_ms, mode, state_before) SELECT 'x', :b, min(id), 3, '', true, now(), 1, 'study', "
                  "'new' FROM items", b=bob_id)  # fmt: skip
    with ada.engine.begin() as conn:
        changed = conn.execute(sa.text("UPDATE learner_settings SET new_per_day = 1 WHERE learner_id = :b"),
                               {"b": bob_id})  # fmt: skip
        assert changed.rowcount == 0  # bob's row is invisible, so nothing to change
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        _sql(ada, "DELETE FROM learners WHERE id = :b", b=bob_id)
    with services.open_database(klass.teacher.url) as teacher:
        assert services.get_settings(teacher, bob_id).new_per_day != 1


def test_the_teacher_reads_everything_writes_nothing_of_a_learner_and_alone_removes_one(
    klass: Class, ada: Database
) -> None:
    _answer(ada, klass.ids[klass.ada.name])
    with services.open_database(klass.teacher.url) as teacher:
        assert {x.name for x in services.list_learners(teacher)} == {klass.ada.name, klass.bob.name}
        assert _sql(teacher, "SELECT count(*) FROM review_log") == [(1,)]
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            _sql(teacher, "UPDATE card_state SET suspended = true")
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            _sql(teacher, "DELETE FROM review_log")
        assert services.remove_learner(teacher, klass.ids[klass.bob.name]) == klass.bob.role
        assert {x.name for x in services.list_learners(teacher)} == {klass.ada.name}


def test_adding_a_learner_before_init_says_what_to_run(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("classroom mode is PostgreSQL's")
    with pytest.raises(UserError, match="classroom init"):
        classroom.add_learner(db, "zoe")


def _role_count(db: Database, role: str) -> int:
    return len(_sql(db, "SELECT 1 FROM pg_roles WHERE rolname = :r", r=role))


def test_removing_a_learner_drops_their_login_and_their_url_no_longer_connects(
    klass: Class, ada: Database, db: Database, tmp_path: Path
) -> None:
    _answer(ada, klass.ids[klass.ada.name])
    # Ada's connections stay open: the removal does not wait for her to log out.
    result = _cli(tmp_path, db.url, "learners", "remove", klass.ada.name, "--yes")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip()
        == f"Removed learner {klass.ada.name!r} and their login role {klass.ada.role!r}."
    )
    assert _role_count(db, klass.ada.role) == 0
    assert _sql(db, "SELECT count(*) FROM review_log") == [(0,)]
    assert _sql(db, "SELECT count(*) FROM classroom_roles WHERE role = :r", r=klass.ada.role) == [(0,)]
    gone = _cli(tmp_path, klass.ada.url, "learners", "list")
    _one_line(gone, f'refused the login (role "{klass.ada.role}" does not exist)')


def test_a_learner_may_not_remove_anyone_and_is_told_so_in_one_line(
    klass: Class, db: Database, tmp_path: Path
) -> None:
    result = _cli(tmp_path, klass.ada.url, "learners", "remove", klass.ada.name, "--yes")
    _one_line(result, f"only the class's teacher or owner may remove a learner: the login {klass.ada.role!r}")
    with services.open_database(klass.ada.url, fuzz=False) as ada, pytest.raises(UserError, match="only the"):
        services.remove_learner(ada, klass.ids[klass.bob.name])
    assert _role_count(db, klass.ada.role) == 1 and len(services.list_learners(db)) == 2


def test_the_teacher_removes_a_learner_from_the_command_line_and_their_login_goes(
    klass: Class, db: Database, tmp_path: Path
) -> None:
    result = _cli(tmp_path, klass.teacher.url, "learners", "remove", klass.bob.name, "--yes")
    assert result.returncode == 0, result.stderr
    assert klass.bob.role in result.stdout
    assert _role_count(db, klass.bob.role) == 0
    assert [x.name for x in services.list_learners(db)] == [klass.ada.name]


def test_a_name_differing_only_in_case_or_punctuation_gets_no_second_login(
    klass: Class, db: Database
) -> None:
    with pytest.raises(UserError, match=r"already exists \(names are compared without case\)"):
        classroom.add_learner(db, klass.ada.name.upper())
    lovelace = klass.ada.name.replace("ada", "lovelace ")
    added = classroom.add_learner(db, lovelace)
    with pytest.raises(UserError, match=f"login name '{added.role}' .* is already taken"):
        classroom.add_learner(db, lovelace.replace(" ", "_"))
    assert len(services.list_learners(db)) == 3  # the refused learner was not left behind
    with services.open_database(added.url, fuzz=False) as theirs:  # their login still works, still theirs
        assert [x.name for x in services.list_learners(theirs)] == [lovelace]


def _cli(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KRATOM_QUIZ_DB": url, "KRATOM_QUIZ_DECKS": str(tmp_path / "no-decks")}
    return subprocess.run([sys.executable, "-m", "kratom_quiz", *args], capture_output=True, text=True,
                          env=env, timeout=120)  # fmt: skip


def _one_line(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert text in result.stderr, result.stderr


def test_a_login_granted_something_by_hand_is_not_dropped_and_nothing_is_removed(
    klass: Class, db: Database
) -> None:
    with db.engine.begin() as conn:
        conn.execute(sa.text(f"CREATE TABLE notes_{klass.ada.role} (x int)"))
        conn.execute(sa.text(f'GRANT SELECT ON notes_{klass.ada.role} TO "{klass.ada.role}"'))
    with pytest.raises(UserError, match="cannot be dropped because some objects depend on it: nothing was"):
        services.remove_learner(db, klass.ids[klass.ada.name])
    assert _role_count(db, klass.ada.role) == 1 and len(services.list_learners(db)) == 2
    with db.engine.begin() as conn:
        conn.execute(sa.text(f"DROP TABLE notes_{klass.ada.role}"))
    assert services.remove_learner(db, klass.ids[klass.ada.name]) == klass.ada.role


def test_a_learners_login_reads_each_decks_title_and_sources_and_its_start_up_writes_nothing(
    db: Database, tmp_path: Path
) -> None:
    if db.is_sqlite:
        pytest.skip("classroom mode is PostgreSQL's")
    from dataclasses import replace

    from kratom_quiz.domain.model import Source

    ref = Source("nida", "Kratom research report", publisher="NIDA", year=2024, url="https://nida.nih.gov/")
    services.sync_decks(db, [replace(deck(card("a"), card("b")), sources=(ref,))])  # as `classroom init`
    tag = uuid.uuid4().hex[:6]
    classroom.init(db, f"teach{tag}")
    login = classroom.add_learner(db, f"ada{tag}")
    (tmp_path / "other.yaml").write_text("not a deck the class studies", encoding="utf-8")
    with services.open_database(login.url, fuzz=False) as ada:
        refresh = services.refresh_decks(ada, tmp_path)  # what the app does at start-up
        [header] = services.deck_catalog(ada)
    assert not refresh.read and not refresh.errors  # the owner syncs a class's decks, not a learner
    assert (header.title, header.sources) == ("Pharmacology", (ref,))


def test_a_learner_reads_only_their_own_change_counter_and_cannot_set_it(klass: Class, ada: Database) -> None:
    me = klass.ids[klass.ada.name]
    _answer(ada, me)  # through the triggers: the learner's own answer moves their own counter
    assert _sql(ada, "SELECT learner_id FROM learner_versions") == [(me,)]
    assert len(_sql(ada, "SELECT version FROM content_version")) == 1  # the decks' counter is everyone's
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        _sql(ada, "UPDATE learner_versions SET version = 0")
    with services.open_database(klass.teacher.url) as teacher:
        assert len(_sql(teacher, "SELECT learner_id FROM learner_versions")) == 2
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            _sql(teacher, "UPDATE learner_versions SET version = 0")
