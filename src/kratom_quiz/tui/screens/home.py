"""Home: the decks with today's counts and mastery, today's totals and streak, and where to go next."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from kratom_quiz.domain.study import DayTotals, DeckSummary
from kratom_quiz.domain.today import Today
from kratom_quiz.tui.host import QuizHost, host
from kratom_quiz.tui.text import clean

if TYPE_CHECKING:
    from kratom_quiz.services import Database

ALL_DECKS = "*"


def mastery_bar(mastery: float, width: int = 10) -> Text:
    """A bar and a percentage, e.g. '██████░░░░  62%'."""
    share = min(max(mastery, 0.0), 1.0)
    full = round(share * width)
    bar = Text("█" * full, style="green")
    bar.append("░" * (width - full), style="dim")
    bar.append(f" {share:4.0%}")
    return bar


def totals_line(totals: DayTotals) -> Text:
    """Today's totals and streak as one line."""
    line = Text("Today  ", style="bold")
    line.append(f"{totals.reviewed} reviewed · {totals.new_left} new left · {totals.due_left} due · ")
    days = "day" if totals.streak == 1 else "days"
    line.append(f"streak {totals.streak} {days}", style="bold yellow" if totals.streak else "")
    return line


class HomeScreen(Screen[None]):
    """The decks and today's work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "study_all", "Study all", id="home.study_all"),
        Binding("p", "practice", "Practice", id="home.practice"),
        Binding("t", "stats", "Stats", id="home.stats"),
        Binding("b", "browse", "Browse", id="home.browse"),
        Binding("comma", "settings", "Settings", id="home.settings"),
        # Not in the footer (help and the palette list it): with it, "? Help" was cut at 100 columns.
        Binding("e", "export", "Export", id="home.export", show=False),
        Binding("c", "class_report", "Class", id="home.class", show=False),  # the teacher's: help lists it
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening your decks…", id="totals")
        table: DataTable[Text | str] = DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        for label in ("Deck", "New", "Learning", "Due", "Mastery"):
            table.add_column(label, key=label.lower())  # here, so counts may arrive before on_mount
        yield table
        yield Static(
            Text("Enter studies the highlighted deck · s studies all decks", style="dim"), id="home-hint"
        )
        yield Footer()

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[DeckSummary] = []

    def on_screen_resume(self) -> None:
        self.refresh_data()

    @property
    def quiz_app(self) -> QuizHost:
        return host(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"study_all", "practice", "stats", "browse", "settings", "export"}:
            return self.quiz_app.learner is not None and not self.quiz_app.store.failed
        if action == "class_report":
            from kratom_quiz.tui.classaccess import may_open

            return may_open(self.quiz_app)
        return True

    def refresh_data(self) -> None:
        """Reload the deck counts and totals (in a worker)."""
        app = self.quiz_app
        learner = app.learner
        if learner is None or app.db is None:
            return
        from kratom_quiz import services

        now = app.clock()

        def task(db: Database) -> Today:
            return services.today(db, learner.id, now)

        app.store.run("loading your decks", task, self.show, owner=self)
        self.refresh_bindings()
        if app.class_access is None:
            from kratom_quiz.tui.classaccess import learn_access

            learn_access(app, lambda _access: self.refresh_bindings())

    def show(self, today: Today) -> None:
        """Show each deck's counts and today's totals."""
        table = self.query_one("#decks", DataTable)
        summaries, totals = today.decks, today.totals
        self.summaries = summaries
        self.quiz_app.deck_titles.update({s.deck_id: s.title for s in summaries})
        self.query_one("#totals", Static).update(totals_line(totals))
        row = table.cursor_row
        table.clear()
        if not summaries:
            table.add_row(Text("No decks yet: loading the deck files…"), "", "", "", "")
            self.quiz_app.sync_deck_files()
            return
        # Daily limits are per learner, not per deck: the all-decks row takes today's totals, which are
        # capped once over every deck (due_left counts learning cards too; the Due column does not).
        learning = sum(s.learning for s in summaries)
        table.add_row(
            Text("All decks", style="bold"),
            str(totals.new_left),
            str(learning),
            str(max(0, totals.due_left - learning)),
            mastery_bar(
                sum(s.mastery * s.total for s in summaries) / max(1, sum(s.total for s in summaries))
            ),
            key=ALL_DECKS,
        )
        for s in summaries:
            table.add_row(
                Text(clean(s.title)),
                str(s.new),
                str(s.learning),
                str(s.due),
                mastery_bar(s.mastery),
                key=s.deck_id,
            )
        table.move_cursor(row=min(row, table.row_count - 1))
        self.refresh_bindings()
        self.quiz_app.sync_deck_files()

    @on(DataTable.RowSelected, "#decks")
    def study_row(self, event: DataTable.RowSelected) -> None:
        """Study the chosen deck (or all decks)."""
        key = event.row_key.value
        if key is None or self.quiz_app.learner is None:
            return
        self.start_study(None if key == ALL_DECKS else key)

    def _open_with_decks(self, make: Callable[[], Screen[Any]]) -> None:
        """Open the screen ``make`` builds once the deck files are loaded, if this screen is still on top."""

        def push() -> None:
            if self.app.screen is self:
                self.app.push_screen(make())

        self.quiz_app.after_decks(push)

    def start_study(self, deck_id: str | None) -> None:
        """Open a spaced study session on one deck or all."""
        from kratom_quiz.tui.screens.study import StudyScreen

        # No wait for the deck files: the store holds every card and each deck's title; files that changed
        # are re-read in the background meanwhile.
        self.app.push_screen(StudyScreen(deck_id=deck_id))

    def action_study_all(self) -> None:
        """Study every deck."""
        self.start_study(None)

    def action_practice(self) -> None:
        """Set up a practice quiz."""
        from kratom_quiz.tui.screens.practice import PracticeSetupScreen

        self._open_with_decks(PracticeSetupScreen)

    def action_stats(self) -> None:
        """Open the statistics."""
        from kratom_quiz.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_browse(self) -> None:
        """Open the card browser."""
        from kratom_quiz.tui.screens.browse import BrowseScreen

        self._open_with_decks(BrowseScreen)

    def action_settings(self) -> None:
        """Open the learner's settings."""
        from kratom_quiz.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_class_report(self) -> None:
        """Open the Class screen: item analysis and learners (a teacher's, or a shared file's)."""
        self.quiz_app.action_class_report()

    def action_export(self) -> None:
        """Export every deck to an Anki package."""
        self.quiz_app.action_export_anki()
