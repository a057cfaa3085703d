"""Whether this login may see the class reports, learned once per app (light: home checks it often).

Nothing here imports the database layer until the store is open (it is imported by then anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kratom_quiz.services.classview import Access
    from kratom_quiz.tui.host import QuizHost


def known_access(app: QuizHost) -> Access | None:
    """Who this connection is in the class, if learned yet."""
    return app.class_access


def learn_access(
    app: QuizHost, then: Callable[[Access], object], failed: Callable[[BaseException], None] | None = None
) -> None:
    """Find out once (in a worker, on a server) who this connection is in the class; then call ``then``."""
    found = known_access(app)
    if found is not None:
        then(found)
        return
    from kratom_quiz.services import classview

    def learned(access: Access) -> None:
        app.class_access = access
        then(access)

    app.store.run("checking your class role", classview.access, learned, failed=failed)


def may_open(app: QuizHost) -> bool:
    """Whether to offer the Class screen: the store is open and the login may read the class."""
    access = known_access(app)
    return app.db is not None and access is not None and access.sees_the_class
