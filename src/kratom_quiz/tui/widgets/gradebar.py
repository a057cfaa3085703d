"""The grade bar: Again / Hard / Good / Easy with the next interval of each, the suggested one highlighted."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from kratom_quiz.domain.study import DueCard, Rating
from kratom_quiz.tui.text import human_intervals

RATING_STYLES: dict[Rating, str] = {
    Rating.AGAIN: "red",
    Rating.HARD: "dark_orange",
    Rating.GOOD: "green",
    Rating.EASY: "deep_sky_blue1",
}


class GradeBar(Widget):
    """Shows each rating with its interval; Enter accepts the suggested one, 1-4 choose."""

    DEFAULT_CSS = """
    GradeBar { height: 1; padding: 0 1; }
    """

    suggested: reactive[Rating | None] = reactive(None)

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.due: DueCard | None = None

    def show(self, due: DueCard, suggested: Rating) -> None:
        """Offer the ratings of ``due`` with ``suggested`` highlighted."""
        self.due = due
        self.suggested = suggested
        self.refresh()

    def render(self) -> RenderableType:
        if self.due is None or self.suggested is None:
            return Text("")
        out = Text()
        waits = human_intervals([self.due.interval(rating).total_seconds() for rating in Rating])
        for rating, wait in zip(Rating, waits, strict=True):
            label = f" {rating.value} {rating.label} · {wait} "
            style = RATING_STYLES[rating]
            if rating is self.suggested:
                out.append(label, style=f"bold reverse {style}")
            else:
                out.append(label, style=style)
            out.append(" ")
        out.append(" Enter accepts", style="dim")
        return out
