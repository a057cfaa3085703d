"""Start-up sequencing: the quick first view, then the store, then the deck files in the background."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from kratom_quiz.domain.catalog import DeckHeader
    from kratom_quiz.domain.study import Learner
    from kratom_quiz.services import Database
    from kratom_quiz.services.quickstart import FirstView
    from kratom_quiz.storage.presence import Presence
    from kratom_quiz.tui.host import QuizHost


@dataclass(frozen=True, slots=True)
class Synced:
    """What checking the deck files did: re-read them (with the store's new headers) or not, and problems."""

    read: bool
    errors: list[str]
    headers: list[DeckHeader] | None


class Startup:
    """Brings the app from launch to studying.

    1. The home screen's first counts come from ``services.quickstart`` (sqlite3 alone), because importing
       SQLAlchemy takes longer than drawing the app.
    2. Once the counts are painted, the store opens (imported on the UI thread, opened in a worker); work
       asked for meanwhile waits for it (``StoreClient``).
    3. The decks' headers are read from the store, and the deck files are compared with what was last
       synced (size, mtime, hash) and re-read only if one changed, in the background. Studying waits for
       neither: the store holds every card's content.

    Nothing on the way to the first counts may import the store, the deck loader or the command line: each
    such import once cost the counts 100-220 ms on the UI thread (``tests/tui/test_start_cost.py`` guards
    it; README, Performance, has the figures).
    """

    def __init__(self, app: App[Any], host: QuizHost, *, fuzz: bool) -> None:
        self._app, self._host, self._fuzz = app, host, fuzz
        self._sync_started = False
        self.decks_loaded = False  # the decks are known: from the store, or from the files on a first start
        self.files_checked = False  # the deck files were compared with the store (and re-read if changed)
        self._after_decks: list[Callable[[], None]] = []
        self.presence: Presence | None = None  # this app's mark on the database file, while it runs
        self.open_pending = False  # the store opens after the next refresh: no worker shows it yet

    def begin(self) -> None:
        """Read the first view, then open the store."""
        url, now = self._host.settings.db, self._host.clock()

        def task() -> FirstView | None:
            from kratom_quiz.services.quickstart import first_view

            return first_view(url, now)

        self._host.store.start(
            "reading your decks", task, self._first_view, failed=lambda _error: self._open_database()
        )

    def _first_view(self, view: FirstView | None) -> None:
        if view is not None:
            from kratom_quiz.tui.screens.home import HomeScreen

            self._host.learner = view.learner
            self._app.sub_title = view.learner.name
            self._host.apply_settings(view.settings)
            if isinstance(self._app.screen, HomeScreen):
                self._app.screen.show(view.today)
        self.open_pending = True
        self._app.call_after_refresh(self._open_database)  # once the counts are painted

    def _open_database(self) -> None:
        self.open_pending = False
        settings, fuzz = self._host.settings, self._fuzz
        # The store's import (SQLAlchemy and the store, ~150 ms on a quiet machine) runs here, on the UI
        # thread, after the first counts are painted; a key pressed meanwhile waits for it. In the worker it
        # competed with the UI thread for the GIL (a study screen opening at once, its footer) and the first
        # question came later: 2069 vs 1876 ms from launch (median of 11 alternating runs, machine loaded).
        from kratom_quiz import services

        open_database, list_learners = services.open_database, services.list_learners  # (imports the store)

        def task() -> tuple[Database, list[Learner]]:
            db = open_database(settings.db, fuzz=fuzz)
            return db, list_learners(db)

        self._host.store.start(
            "opening the database", task, self._opened, failed=self._not_opened, group="write"
        )

    def _opened(self, opened: tuple[Database, list[Learner]]) -> None:
        db, learners = opened
        self._host.store.opened(db)
        self._mark_open()
        self._app.refresh_bindings()
        if self._host.learner is not None and self._host.learner in learners:
            return  # the first view chose them; the home screen already shows their decks
        if not learners:
            from kratom_quiz.tui.screens.welcome import WelcomeScreen

            self._app.push_screen(WelcomeScreen())
            self.sync_deck_files()
        elif len(learners) == 1:
            self._host.use_learner(learners[0])
        else:
            self._host.action_switch_learner()
            self.sync_deck_files()

    def _mark_open(self) -> None:
        """Hold this app's mark on the database file; tell the learner when another instance is open."""
        from kratom_quiz.storage.presence import Presence
        from kratom_quiz.storage.quick import sqlite_file

        path = sqlite_file(self._host.settings.db)
        if path is None or self.presence is not None:
            return
        self.presence = Presence(path)
        if not self.presence.enter():
            self._app.notify(
                "Another kratom-quiz is open on this database: both keep every answer, and undo here takes "
                "back only this window's answers.",
                title="Open twice",
                timeout=10,
            )

    def _not_opened(self, error: BaseException) -> None:
        from kratom_quiz.storage.guard import DamagedDatabase

        if isinstance(error, DamagedDatabase) and self._offer_backup(error):
            return  # the learner decides; the store opens after a restore
        self._host.store.open_failed()  # the error is on screen; what waited for the store will not run
        self._after_decks.clear()
        self._app.screen.refresh_bindings()

    def _offer_backup(self, error: BaseException) -> bool:
        """Offer the latest good backup of a damaged database; False when there is none."""
        from kratom_quiz.services import safety
        from kratom_quiz.tui.screens.restore import RestoreScreen

        url = self._host.settings.db
        good = [b for b in safety.backups(url) if b.reviews is not None]
        if not good:
            return False
        latest = good[0]

        def chosen(restore: bool | None) -> None:
            if not restore:
                self._not_opened(RuntimeError("not restored"))
                return

            def task() -> None:
                safety.restore_backup(url, latest.path, self._host.clock())

            self._host.store.start(
                "restoring the backup", task, lambda _: self._restored(), failed=self._not_opened
            )

        self._app.push_screen(RestoreScreen(str(error), latest), chosen)
        return True

    def _restored(self) -> None:
        self._app.notify("Restored the latest good backup; the damaged file is kept beside it.", timeout=10)
        self._open_database()

    def sync_deck_files(self) -> None:
        """Read the decks the store holds, then re-read the deck files that changed (once, in the background).

        Studying never waits for the files: a returning learner's store holds every card, and each deck's
        header comes from it at once. A file that fails to load is reported and archives nothing.
        """
        if self._sync_started:
            return
        self._sync_started = True
        folder = self._host.settings.decks
        # ``services`` is imported inside the tasks, on their worker thread: the home screen calls this as
        # it shows the first counts, before the store is open, and importing it here (SQLAlchemy and the
        # store, ~220 ms) held the UI thread between the first frame and the counts (the 385 -> 620 ms
        # regression of bench_startup.py).

        def catalog(db: Database) -> list[DeckHeader]:
            from kratom_quiz import services

            return services.deck_catalog(db)

        self._host.store.run("reading your decks", catalog, self._catalog)

        def task(db: Database) -> Synced:
            from kratom_quiz import services

            refresh = services.refresh_decks(db, folder)
            return Synced(refresh.read, refresh.errors, services.deck_catalog(db) if refresh.read else None)

        failed = lambda _error: self._decks_ready()  # noqa: E731 - studying goes on with the stored cards
        self._host.store.run("loading the deck files", task, self._synced, write=True, failed=failed)

    def _catalog(self, headers: list[DeckHeader]) -> None:
        self._host.decks = {d.id: d for d in headers}
        self._host.deck_titles.update({d.id: d.title for d in headers})
        if headers:  # a first start has none yet: the files bring them
            self._decks_ready()

    def _synced(self, synced: Synced) -> None:
        for line in synced.errors[:5]:
            self._app.notify(line, title="Deck problem", severity="warning", markup=False, timeout=10)
        if len(synced.errors) > 5:
            self._app.notify(f"…and {len(synced.errors) - 5} more deck problems.", severity="warning")
        if synced.headers is not None:
            self._host.terms.clear()  # a deck's terms may have changed with its file
            self._catalog(synced.headers)
            from kratom_quiz.tui.screens.home import HomeScreen

            if isinstance(self._app.screen, HomeScreen):
                self._app.screen.refresh_data()
        self.files_checked = True
        self._decks_ready()

    def _decks_ready(self) -> None:
        if self.decks_loaded:
            return
        self.decks_loaded = True
        waiting, self._after_decks = self._after_decks, []
        for then in waiting:
            then()

    def after_decks(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the decks are known (at once if they are).

        Browsing and practice list every deck's topics; on a first start they come with the files.
        """
        if self.decks_loaded:
            then()
        else:
            self._after_decks.append(then)
