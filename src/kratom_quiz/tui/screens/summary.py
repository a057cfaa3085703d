"""The end of a session: how many, how well, how long, by topic, and when the next cards are due."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from kratom_quiz.domain.study import Mode
from kratom_quiz.tui.host import host
from kratom_quiz.tui.session import SessionTally
from kratom_quiz.tui.text import clean, human_duration, human_interval


def next_due_line(next_due: datetime | None, now: datetime) -> str:
    """When the cards just studied come back, e.g. 'The next of these cards is due in 10m (at 14:05 UTC).'."""
    if next_due is None:
        return "No card of this session is scheduled yet."
    wait = (next_due - now).total_seconds()
    if wait <= 0:
        return "Some of these cards are due again now."
    return f"The next of these cards is due in {human_interval(wait)} ({next_due:%Y-%m-%d %H:%M} UTC)."


def summary_view(tally: SessionTally, now: datetime) -> Table:
    """The summary's table: totals, then one row per topic."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("Topic")
    table.add_column("Right", justify="right")
    table.add_column("Accuracy", justify="right")
    for score in tally.by_topic():
        style = "green" if score.accuracy >= 0.8 else "yellow" if score.accuracy >= 0.5 else "red"
        table.add_row(
            clean(score.topic), f"{score.right}/{score.total}", Text(f"{score.accuracy:.0%}", style=style)
        )
    return table


class SummaryScreen(Screen[None]):
    """Shown when a session ends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Home", id="summary.close"),
    ]

    def __init__(self, tally: SessionTally) -> None:
        super().__init__()
        self.tally = tally

    def compose(self) -> ComposeResult:
        tally = self.tally
        now = host(self).clock()
        practice = tally.mode is Mode.PRACTICE
        heading = Text("Practice quiz finished" if practice else "Session finished", style="bold")
        totals = Text(
            f"{'Questions' if practice else 'Cards studied'}: {tally.done}    "
            f"Right: {tally.right} ({tally.accuracy:.0%})    Time: {human_duration(tally.time_ms)}"
        )
        with VerticalScroll(id="summary"):
            yield Static(heading)
            yield Static(totals, id="summary-totals")
            yield Static(tally.saved_line(), id="summary-saved", markup=False)
            yield Static(Text("By topic", style="bold"), classes="section")
            yield Static(summary_view(tally, now), id="summary-topics")
            if practice:
                yield Static("Practice does not change your schedule.", classes="muted", markup=False)
            else:
                yield Static(next_due_line(tally.next_due, now), id="summary-next", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Summary"

    def action_close(self) -> None:
        """Back to the home screen."""
        self.dismiss()
