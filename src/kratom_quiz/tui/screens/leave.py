"""Asked once when a learner leaves with an answer shown but not yet graded: grade it, or leave it."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

Leaving = Literal["grade", "leave"]


class LeaveScreen(ModalScreen["Leaving | None"]):
    """Grade the shown answer with the suggested rating, leave it ungraded, or stay (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,g", "pick('grade')", "Grade it", id="leave.grade"),
        Binding("l", "pick('leave')", "Leave ungraded", id="leave.ungraded"),
        Binding("escape", "pick('stay')", "Stay", id="leave.stay"),
    ]

    def __init__(self, suggested: str) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="leave", classes="dialog"):
            yield Static(Text("Your answer is shown but not graded yet.", style="bold"))
            yield Static(
                Text.assemble(
                    ("Enter", "bold"),
                    f"  grade it {self.suggested} (the suggestion) and leave\n",
                    ("l", "bold"),
                    "      leave it ungraded: it is not saved and the card stays due\n",
                    ("Esc", "bold"),
                    "    stay on this card",
                ),
                id="leave-choices",
            )

    def action_pick(self, choice: str) -> None:
        """Close with the learner's choice."""
        self.dismiss(None if choice == "stay" else choice)  # type: ignore[arg-type]
