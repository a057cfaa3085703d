"""Statistics: 30-day forecast and reviews per day as charts, retention by week, mastery, streak."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from kratom_quiz.domain.model import Evidence
from kratom_quiz.domain.study import Stats
from kratom_quiz.tui.host import host
from kratom_quiz.tui.text import clean


def headline(stats: Stats) -> Text:
    """Streak and total reviews."""
    line = Text(f"Streak: {stats.streak} day{'s' if stats.streak != 1 else ''}", style="bold yellow")
    line.append(f"    Answers in total: {stats.total_reviews}", style="bold")
    if stats.practice_answers:
        line.append(f" (and {stats.practice_answers} in practice)")
    due_month = sum(n for _, n in stats.forecast)
    line.append(f"    Due in the next 30 days: {due_month}")
    return line


def retention_table(stats: Stats) -> Table:
    """Retention by week: share of reviews recalled, and how many reviews."""
    table = Table(title="Retention by week", box=None, header_style="bold", title_justify="left")
    table.add_column("Week of")
    table.add_column("Recalled", justify="right")
    table.add_column("Reviews", justify="right")
    weeks = [w for w in stats.retention_by_week if w[2]][-8:]
    for week, share, count in weeks:
        table.add_row(f"{week:%b %d}", "—" if share is None else f"{share:.0%}", str(count))
    if not weeks:
        table.add_row("none yet", "", "")
    return table


def mastery_table(title: str, rows: tuple[tuple[str, float, int], ...], evidence: bool = False) -> Table:
    """Mastery (share of items learned well) by topic or by evidence level."""
    table = Table(title=title, box=None, header_style="bold", title_justify="left")
    # Folded, never cut: a topic name the learner cannot read whole is no use (the column wraps instead).
    table.add_column("Topic" if not evidence else "Evidence", overflow="fold")
    table.add_column("Mastery", justify="right")
    table.add_column("Items", justify="right")
    for name, mastery, count in rows:
        label = Evidence(name).label if evidence and name in Evidence._value2member_map_ else clean(name)
        style = "green" if mastery >= 0.8 else "yellow" if mastery >= 0.4 else "red"
        table.add_row(label, Text(f"{mastery:.0%}", style=style), str(count))
    return table


def _ticks(days: tuple[tuple[date, int], ...]) -> tuple[list[float], list[str]]:
    """About six date labels along a daily axis."""
    step = max(1, len(days) // 6)
    positions = list(range(0, len(days), step))
    return [float(p + 1) for p in positions], [f"{days[p][0]:%m-%d}" for p in positions]


class StatsScreen(Screen[None]):
    """The learner's statistics."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="stats.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading statistics…", id="stats-headline")
        with Grid(id="stats-charts"):
            yield Static(id="forecast-slot")
            yield Static(id="reviews-slot")
        with VerticalScroll(id="stats-tables"):
            yield Static(id="stats-retention")
            yield Static(id="stats-evidence")
            yield Static(id="stats-topics")  # across the width: a third of it cut topic names short
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Stats"
        app = host(self)
        learner, now = app.learner, app.clock()
        if learner is None:
            return
        from kratom_quiz import services

        app.store.run(
            "computing your statistics",
            lambda db: services.stats(db, learner.id, now),
            self.show_stats,
            owner=self,
        )

    def show_stats(self, stats: Stats) -> None:
        """Draw the charts and tables."""
        from textual_plotext import PlotextPlot

        self.query_one("#stats-headline", Static).update(headline(stats))
        grid = self.query_one("#stats-charts", Grid)
        grid.remove_children()
        for widget_id, title, days, colour in (
            ("forecast", "Due per day, next 30 days", stats.forecast, "orange"),
            ("reviews", "Reviews per day, last 30 days", stats.reviews_per_day, "green"),
        ):
            plot = PlotextPlot(id=widget_id)
            grid.mount(plot)
            plt = plot.plt
            plt.title(title)
            if days:
                xs = list(range(1, len(days) + 1))
                plt.bar(xs, [n for _, n in days], color=colour, width=0.6)
                positions, labels = _ticks(days)
                plt.xticks(positions, labels)
                top = max(n for _, n in days)
                step = max(1, -(-top // 4))
                plt.yticks([float(v) for v in range(0, top + step, step)])
            plot.refresh()
        self.query_one("#stats-retention", Static).update(retention_table(stats))
        self.query_one("#stats-topics", Static).update(
            mastery_table("Mastery by topic", stats.mastery_by_topic)
        )
        self.query_one("#stats-evidence", Static).update(
            mastery_table("Mastery by evidence level", stats.mastery_by_evidence, evidence=True)
        )

    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss()
