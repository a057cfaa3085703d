"""Classroom mode: each learner's login sees and changes only that learner's rows; the teacher reads all."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

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
        services.remove_learner(teacher, klass.ids[klass.bob.name])
        assert {x.name for x in services.list_learners(teacher)} == {klass.ada.name}


def test_adding_a_learner_before_init_says_what_to_run(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("classroom mode is PostgreSQL's")
    with pytest.raises(UserError, match="classroom init"):
        classroom.add_learner(db, "zoe")


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
