"""The Textual study app: opens the database in a worker, picks the learner, and hosts the screens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from kratom_quiz.clock import Clock, utc_now
from kratom_quiz.config import Settings
from kratom_quiz.domain.model import Deck
from kratom_quiz.domain.study import Learner, LearnerSettings, OptimizeReport
from kratom_quiz.errors import UserError
from kratom_quiz.storage import faults
from kratom_quiz.tui.commands import StudyCommands
from kratom_quiz.tui.keymap import load_keymap

if TYPE_CHECKING:
    from kratom_quiz.services import Database
    from kratom_quiz.services.quickstart import FirstView

T = TypeVar("T")

NOTICE = "Educational content about kratom. Not medical advice."


@dataclass(frozen=True, slots=True)
class Synced:
    """The deck files as loaded and synced into the database."""

    decks: tuple[Deck, ...]
    errors: list[str]


class KratomQuizApp(App[None]):
    """The study app."""

    TITLE = "kratom-quiz"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("l", "switch_learner", "Learner", id="app.switch_learner"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, settings: Settings, *, clock: Clock | None = None, fuzz: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.clock: Clock = clock or utc_now
        self.fuzz = fuzz
        self._sync_started = False
        self.db: Database | None = None
        self.decks: dict[str, Deck] = {}
        self.learner: Learner | None = None
        self.learner_settings = LearnerSettings()
        self._waiting: list[Callable[[], None]] = []
        self.store_failed = False
        self.decks_loaded = False
        self._after_decks: list[Callable[[], None]] = []
        self._replies: dict[
            Worker[Any],
            tuple[Callable[[Any], None], Callable[[BaseException], None] | None, Screen[Any] | None],
        ] = {}
        keymap, self.keymap_problems = load_keymap()
        self.set_keymap(keymap)

    def get_default_screen(self) -> Any:
        from kratom_quiz.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        for problem in self.keymap_problems:
            self.notify(problem, title="Keymap", severity="warning", markup=False)
        self.read_first_view()

    # -- database work ----------------------------------------------------------------------------------

    def read_first_view(self) -> None:
        """Show a returning learner's decks at once, read with sqlite3 alone, then open the full store.

        Importing SQLAlchemy takes longer than drawing the app, so the home screen's first counts come from
        ``services.quickstart``; work asked for before the store is open waits for it (see ``run_db``).
        """
        url, now = self.settings.db, self.clock()

        def task() -> FirstView | None:
            from kratom_quiz.services.quickstart import first_view

            return first_view(url, now)

        worker: Worker[FirstView | None] = self.run_worker(
            task, name="reading your decks", group="read", thread=True, exit_on_error=False
        )
        self._replies[worker] = (self._first_view, lambda _error: self.open_database(), None)

    def _first_view(self, view: FirstView | None) -> None:
        if view is not None:
            from kratom_quiz.tui.screens.home import HomeScreen

            self.learner = view.learner
            self.sub_title = view.learner.name
            self.apply_settings(view.settings)
            if isinstance(self.screen, HomeScreen):
                self.screen.show(view.today)
        self.open_database()

    def open_database(self) -> None:
        """Open the database and sync the decks folder, off the UI thread."""
        settings, fuzz = self.settings, self.fuzz

        def task() -> tuple[Database, list[Learner]]:
            from kratom_quiz import services

            db = services.open_database(settings.db, fuzz=fuzz)
            return db, services.list_learners(db)

        worker: Worker[tuple[Database, list[Learner]]] = self.run_worker(
            task, name="opening the database", group="write", thread=True, exit_on_error=False
        )
        self._replies[worker] = (self._opened, self._not_opened, None)

    def _opened(self, opened: tuple[Database, list[Learner]]) -> None:
        self.db, learners = opened
        waiting, self._waiting = self._waiting, []
        for start in waiting:
            start()
        if self.learner is not None and self.learner in learners:
            return  # the first view chose them; the home screen already shows their decks
        if not learners:
            from kratom_quiz.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
            self.sync_deck_files()
        elif len(learners) == 1:
            self.use_learner(learners[0])
        else:
            self.action_switch_learner()
            self.sync_deck_files()

    def _not_opened(self, _error: BaseException) -> None:
        self.store_failed = True  # the error is on screen; what waited for the store will not run
        self._waiting.clear()
        self._after_decks.clear()
        self.screen.refresh_bindings()

    def sync_deck_files(self) -> None:
        """Load the deck files and bring the database in line with them (once, in the background).

        It starts after the home screen first shows its counts, so a returning learner sees their decks at
        once; a file that fails to load is reported and archives nothing.
        """
        if self._sync_started:
            return
        self._sync_started = True
        folder = self.settings.decks

        def task(db: Database) -> Synced:
            from kratom_quiz import services
            from kratom_quiz.deckfile import load_decks

            loaded = load_decks([folder])
            services.sync_decks(db, loaded.decks, archive_missing=not loaded.errors)
            return Synced(tuple(loaded.decks), loaded.errors)

        failed = lambda _error: self._decks_ready()  # noqa: E731 - studying goes on with the stored cards
        self.run_db("loading the deck files", task, self._synced, write=True, failed=failed)

    def _synced(self, synced: Synced) -> None:
        self.decks = {d.id: d for d in synced.decks}
        for line in synced.errors[:5]:
            self.notify(line, title="Deck problem", severity="warning", markup=False, timeout=10)
        if len(synced.errors) > 5:
            self.notify(f"…and {len(synced.errors) - 5} more deck problems.", severity="warning")
        from kratom_quiz.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_data()
        self._decks_ready()

    def _decks_ready(self) -> None:
        self.decks_loaded = True
        waiting, self._after_decks = self._after_decks, []
        for then in waiting:
            then()

    def after_decks(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the deck files are loaded (at once if they are).

        Studying needs the decks' titles, sources and terms (a typed answer is checked against the deck's
        other terms), and they load in the background after the home screen first shows its counts.
        """
        if self.decks_loaded:
            then()
        else:
            self._after_decks.append(then)

    def run_db(
        self,
        describe: str,
        task: Callable[[Database], T],
        done: Callable[[T], None],
        *,
        write: bool = False,
        failed: Callable[[BaseException], None] | None = None,
        latest_only: str | None = None,
        owner: Screen[Any] | None = None,
    ) -> None:
        """Run ``task`` on the database in a thread worker; ``done`` gets its result on the UI thread.

        ``describe`` says what the work is ("saving your answer") for the error message. Writes share the
        "write" group and are never exclusive, so no write is ever cancelled. A read given ``latest_only``
        (a group name, e.g. "browse") cancels older reads of that group still running. With an ``owner``
        screen, ``done`` and ``failed`` are dropped if that screen has closed by the time the work ends
        (the work itself still completes, and an error is still shown). Work asked for while the database is
        still opening waits, and starts in order once it is open.
        """
        if write and latest_only:
            raise ValueError("a write is never exclusive")
        db = self.db
        if db is None:  # still opening: the work starts, in order, once it is open
            if self.store_failed:
                return
            self._waiting.append(
                lambda: self.run_db(
                    describe, task, done, write=write, failed=failed, latest_only=latest_only, owner=owner
                )
            )
            return
        worker: Worker[T] = self.run_worker(
            lambda: task(db),
            name=describe,
            group="write" if write else latest_only or "read",
            thread=True,
            exit_on_error=False,
            exclusive=latest_only is not None,
        )
        self._replies[worker] = (done, failed, owner)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where worker results are delivered and worker errors become a visible message."""
        worker = event.worker
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        done, failed, owner = self._replies.pop(worker, (None, None, None))
        if owner is not None and owner not in self.screen_stack:
            done = failed = None  # its screen has closed: nothing left to update
        if event.state is WorkerState.SUCCESS:
            if done is not None:
                done(worker.result)
        elif event.state is WorkerState.ERROR:
            error = worker.error
            self.log.error(f"{worker.name} failed: {error!r}")
            if error is not None:  # a driver's error says it in SQL; say it as one line a learner can use
                error = faults.user_error(error, faults.describe(self.settings.db)) or error
            if isinstance(error, UserError):  # meant to be read as it is: no "something went wrong"
                self.notify(
                    str(error), title=f"While {worker.name}", severity="warning", markup=False, timeout=10
                )
            else:
                self.notify(
                    f"Something went wrong while {worker.name}: {error}. Nothing was lost; try again.",
                    title="Error",
                    severity="error",
                    markup=False,
                    timeout=10,
                )
            if failed is not None and error is not None:
                failed(error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_learner":
            from kratom_quiz.tui.screens.study import StudyScreen

            # Not mid-session: the answers of one learner must not be saved under another.
            return self.db is not None and not isinstance(self.screen, StudyScreen)
        return True

    # -- learners ---------------------------------------------------------------------------------------

    def use_learner(self, learner: Learner) -> None:
        """Study as ``learner`` from now on: load their settings and theme, refresh the home screen."""
        from kratom_quiz import services

        self.learner = learner
        self.sub_title = learner.name

        def loaded(settings: LearnerSettings) -> None:
            self.apply_settings(settings)
            from kratom_quiz.tui.screens.home import HomeScreen

            while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
                self.pop_screen()
            if isinstance(self.screen, HomeScreen):
                self.screen.refresh_data()

        self.run_db("loading your settings", lambda db: services.get_settings(db, learner.id), loaded)

    def apply_settings(self, settings: LearnerSettings) -> None:
        """Keep ``settings`` and apply the theme (an unknown theme name keeps the current one)."""
        self.learner_settings = settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme

    def action_switch_learner(self) -> None:
        """Open the learner switcher."""
        if self.db is None:
            return
        from kratom_quiz.tui.screens.welcome import LearnerSwitcher

        if not isinstance(self.screen, LearnerSwitcher):
            self.push_screen(LearnerSwitcher())

    def from_home(self, action: str) -> None:
        """Go back to the home screen and run one of its actions (e.g. "stats")."""
        from kratom_quiz.tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.call_later(self.screen.run_action, action)

    def study_deck(self, deck_id: str) -> None:
        """Start a study session on one deck from wherever we are."""
        from kratom_quiz.tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.start_study(deck_id)

    def action_export_anki(self) -> None:
        """Ask where to write an Anki package of every deck, and write it."""
        if self.db is None:
            return
        from kratom_quiz.tui.screens.export import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen())

    def action_optimize(self) -> None:
        """Fit the learner's FSRS weights to their history (the store refuses when it is too short)."""
        learner = self.learner
        if learner is None:
            return
        from kratom_quiz import services

        def done(report: OptimizeReport) -> None:
            kept = "fitted" if report.adopted else "current (the fitted ones were no better)"
            self.notify(
                f"Fitted to {report.items} of {report.reviews} answers; log loss "
                f"{report.old_log_loss:.4f} current, {report.new_log_loss:.4f} fitted. "
                f"Kept the {kept} weights.",
                title="Scheduling optimized",
                markup=False,
                timeout=10,
            )

        self.run_db(
            "optimizing your schedule", lambda db: services.optimize(db, learner.id), done, write=True
        )

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from kratom_quiz.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(settings: Settings, *, clock: Clock | None = None, fuzz: bool = True) -> KratomQuizApp:
    """The one factory for the app, shared by the CLI and the tests (fixed clock, fuzz off)."""
    return KratomQuizApp(settings, clock=clock, fuzz=fuzz)


def run_app(settings: Settings) -> None:
    """Open the app in this terminal."""
    make_app(settings).run()
