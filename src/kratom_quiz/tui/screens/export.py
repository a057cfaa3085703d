"""Export to Anki: ask where, show progress, and say clearly what went wrong (no partial file is left)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from kratom_quiz.tui.host import QuizHost, host
from kratom_quiz.tui.text import plural

if TYPE_CHECKING:
    from kratom_quiz.exporters.notes import ExportReport
    from kratom_quiz.services import Database

DEFAULT_FILE = "kratom-quiz.apkg"


class ExportScreen(ModalScreen[None]):
    """A dialog that writes every deck to an Anki package at a path the learner chooses."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close", id="export.close")]

    def __init__(self, default: Path | None = None) -> None:
        super().__init__()
        self.default = default or Path.home() / DEFAULT_FILE
        self.running = False

    @property
    def quiz_app(self) -> QuizHost:
        return host(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="export", classes="dialog"):
            yield Static(Text("Export to Anki", style="bold"))
            yield Static("Save every deck as an Anki package (.apkg); import it in Anki on any device.")
            yield Input(str(self.default), id="export-path")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-status", markup=False)
            yield Static(Text("Enter exports · Esc closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#export-progress", ProgressBar).display = False

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Text(message, style="bold red" if error else ""))
        if error:  # a full bar left from an earlier export would read as this one's success
            self.query_one("#export-progress", ProgressBar).display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.running:
            return
        raw = event.value.strip()
        if not raw:
            self._status("Type the path of the file to write.", error=True)
            return
        target = Path(raw).expanduser()
        problem = self._target_problem(target)
        if problem:
            self._status(problem, error=True)
            return
        if target.suffix.lower() != ".apkg":
            self._status(f"The file name must end in .apkg: {target.name}", error=True)
            return
        self._start(target)

    def _target_problem(self, target: Path) -> str | None:
        """Why the export may not write ``target`` (the same rules as the command line), or None."""
        from kratom_quiz.deckfile import find_deck_files
        from kratom_quiz.errors import UserError
        from kratom_quiz.exporters.target import ExportKind, check_target, database_files
        from kratom_quiz.storage.quick import sqlite_file

        settings = self.quiz_app.settings
        deck_files, _ = find_deck_files([settings.decks])
        protected = [*database_files(sqlite_file(settings.db)), *deck_files]
        try:
            hint = "choose another file name"
            check_target(target, ExportKind.APKG, force=False, protected=protected, force_hint=hint)
        except UserError as exc:
            return str(exc)
        return None

    def _start(self, target: Path) -> None:
        self.running = True
        self.query_one("#export-path", Input).disabled = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)  # the total comes with the first progress report
        self._status(f"Writing {target}…")
        now = self.quiz_app.clock()
        app = self.app

        def progress(done: int, total: int) -> None:
            app.call_from_thread(bar.update, total=total, progress=done)

        folder = self.quiz_app.settings.decks

        def task(_: Database) -> ExportReport:
            from kratom_quiz.deckfile import load_decks
            from kratom_quiz.errors import UserError
            from kratom_quiz.exporters.anki import export_apkg
            from kratom_quiz.exporters.stamps import LEDGER_NAME, Stamps
            from kratom_quiz.paths import data_dir

            # From the deck files, as the command line does: the app keeps no cards in memory.
            loaded = load_decks([folder])
            if loaded.errors:
                problems = plural(len(loaded.errors), "problem")
                raise UserError(f"{problems} in the deck files; nothing exported")
            stamps = Stamps(data_dir() / LEDGER_NAME)
            return export_apkg(loaded.decks, target, now=now, progress=progress, stamps=stamps)

        self.quiz_app.store.run("exporting to Anki", task, self._done, failed=self._failed)

    def _done(self, report: ExportReport) -> None:
        if self not in self.app.screen_stack:  # closed while writing: say it in a notification
            self.app.notify(report.summary(), title="Anki", markup=False, timeout=10)
            return
        self.running = False
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(progress=bar.total or 0)
        path_input = self.query_one("#export-path", Input)
        path_input.disabled = False
        path_input.focus()  # a disabled box lost the focus: give it back, so typing and Enter work again
        self._status(
            f"Done: {plural(report.notes, 'note')} ({plural(report.cards, 'card')}) written to {report.path}."
        )

    def _failed(self, error: BaseException) -> None:
        if self not in self.app.screen_stack:  # the app has already shown the error
            return
        self.running = False
        self.query_one("#export-progress", ProgressBar).display = False
        path_input = self.query_one("#export-path", Input)
        path_input.disabled = False
        path_input.focus()
        self._status(f"Not exported: {error}", error=True)

    def action_cancel(self) -> None:
        # A running export finishes (thread workers cannot be stopped) and reports in a notification.
        self.dismiss(None)
