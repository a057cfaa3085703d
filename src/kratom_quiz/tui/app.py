"""The Textual study app: hosts the screens, the learner and the app-wide actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker

from kratom_quiz.clock import Clock, utc_now
from kratom_quiz.config import Settings
from kratom_quiz.domain.study import Learner, LearnerSettings, OptimizeReport
from kratom_quiz.tui.commands import StudyCommands
from kratom_quiz.tui.crashes import CrashReporting
from kratom_quiz.tui.db import StoreClient
from kratom_quiz.tui.keymap import keymap_path, load_keymap
from kratom_quiz.tui.startup import Startup

if TYPE_CHECKING:  # annotations only: the grading module costs start-up time
    from kratom_quiz.domain.catalog import DeckHeader
    from kratom_quiz.domain.grading import TermIndex
    from kratom_quiz.services import Database
    from kratom_quiz.services.classview import Access

from kratom_quiz.tui.text import NOTICE, plural  # noqa: F401 - NOTICE re-exported for callers


class KratomQuizApp(CrashReporting):
    """The study app."""

    TITLE = "kratom-quiz"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("l", "switch_learner", "Learner", id="app.switch_learner"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
    ]

    def __init__(self, settings: Settings, *, clock: Clock | None = None, fuzz: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.clock: Clock = clock or utc_now
        self.store = StoreClient(self, settings.db)
        # Deck headers only (title, sources, topics): the cards stay in the store, which holds them all.
        self.decks: dict[str, DeckHeader] = {}
        self.deck_titles: dict[str, str] = {}  # from the home screen's counts, before the headers arrive
        # Per deck, read from the store when a typed or cloze card of it is first shown.
        self.terms: dict[str, TermIndex | tuple[str, ...]] = {}
        self.learner: Learner | None = None
        self.learner_settings = LearnerSettings()
        self.class_access: Access | None = None  # who this login is in a class: learned when first needed
        self.startup = Startup(self, self, fuzz=fuzz)
        self.keymap, self.keymap_problems = load_keymap()
        self.set_keymap(self.keymap)

    @property
    def db(self) -> Database | None:
        """The open store, or None while it opens (or when it failed to)."""
        return self.store.database

    def get_default_screen(self) -> Any:
        from kratom_quiz.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        for problem in self.keymap_problems:
            self.notify(problem, title="Keymap", severity="warning", markup=False)
        if self.keymap:  # only then: collecting the ids imports every screen
            from kratom_quiz.tui.keyids import known_binding_ids

            for binding_id in sorted(set(self.keymap) - known_binding_ids(self.BINDINGS)):
                self.notify(
                    f"{keymap_path()}: no key has the id '{binding_id}', so it was ignored.",
                    title="Keymap",
                    severity="warning",
                    markup=False,
                )
        self.startup.begin()

    def sync_deck_files(self) -> None:
        """Re-read the deck files that changed, in the background (once)."""
        self.startup.sync_deck_files()

    def after_decks(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the decks are known."""
        self.startup.after_decks(then)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's result and error goes through the store client."""
        self.store.deliver(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_learner":
            from kratom_quiz.tui.screens.study import StudyScreen

            # Not mid-session: the answers of one learner must not be saved under another.
            # Help lists the keys of the screen under it: look through the whole stack, not the top.
            return self.db is not None and not any(isinstance(s, StudyScreen) for s in self.screen_stack)
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

        self.store.run("loading your settings", lambda db: services.get_settings(db, learner.id), loaded)

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

    def action_class_report(self) -> None:
        """Open the Class screen (item analysis and every learner) over whatever is showing."""
        from kratom_quiz.tui.screens.classroom import ClassScreen

        if self.db is not None and not isinstance(self.screen, ClassScreen):
            self.push_screen(ClassScreen())

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

        self.store.run(
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
    app = make_app(settings)
    app.run()
    if app.return_code:  # a crash: its line is printed; the shell sees the failure too
        raise SystemExit(app.return_code)
