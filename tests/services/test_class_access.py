"""Who a connection is in a class decides whether the TUI offers the Class screen: the teacher's and the
owner's logins (and any SQLite file) may read the class; a learner's login may not."""

from __future__ import annotations

from kratom_quiz import services
from kratom_quiz.services import analysis, classview
from kratom_quiz.services.classview import Access
from kratom_quiz.storage import Database
from tests.services.conftest import NOW
from tests.services.test_classroom import Class


def test_each_login_is_told_apart_and_only_a_learners_is_refused_the_class(db: Database) -> None:
    if db.is_sqlite:
        assert classview.access(db) is Access.SHARED_FILE and Access.SHARED_FILE.sees_the_class
        return
    klass = Class(db)
    assert classview.access(db) is Access.OWNER  # the owner (a superuser here) is in neither group
    with services.open_database(klass.teacher.url, fuzz=False) as teacher:
        assert classview.access(teacher) is Access.TEACHER
        assert {line.name for line in analysis.learner_report(teacher, NOW)} == {
            klass.ada.name,
            klass.bob.name,
        }
    with services.open_database(klass.ada.url, fuzz=False) as ada:
        found = classview.access(ada)
        assert found is Access.LEARNER and not found.sees_the_class
