"""Offered when the database file is damaged: put the latest good backup in its place (keeping the file)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kratom_quiz.storage.backup import BackupInfo


class RestoreScreen(ModalScreen[bool]):
    """Restore ``backup`` (True) or not now (False)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,r", "choose(True)", "Restore", id="restore.yes"),
        Binding("escape", "choose(False)", "Not now", id="restore.no"),
    ]

    def __init__(self, problem: str, backup: BackupInfo) -> None:
        super().__init__()
        self.problem, self.backup = problem, backup

    def compose(self) -> ComposeResult:
        made = self.backup.made.astimezone().strftime("%Y-%m-%d %H:%M")
        with Vertical(id="restore", classes="dialog"):
            yield Static(Text("Your database file is damaged.", style="bold"))
            yield Static(Text(self.problem), id="restore-problem")
            yield Static(
                Text.assemble(
                    f"The latest good backup is from {made} ({self.backup.reviews} answers).\n",
                    ("Enter", "bold"),
                    "  restore it (the damaged file is kept beside it, never deleted)\n",
                    ("Esc", "bold"),
                    "    not now",
                ),
                id="restore-choices",
            )

    def action_choose(self, restore: bool) -> None:
        """Close with the learner's choice."""
        self.dismiss(restore)
