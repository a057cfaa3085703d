"""Numbered answer options for mcq and multi cards; marks right and wrong once the answer is shown."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from kratom_quiz.tui.text import clean


class ChoiceList(Widget):
    """Options numbered 1-9 with a cursor; in a multi card, several may be ticked."""

    DEFAULT_CSS = """
    ChoiceList { height: auto; padding: 0 1; }
    """

    # Focusable, so that the options (not a hidden text box) hold the focus while a choice card is shown;
    # the number keys are the study screen's bindings and reach it from here.
    can_focus = True

    cursor: reactive[int] = reactive(0)
    ticked: reactive[frozenset[int]] = reactive(frozenset())
    revealed: reactive[bool] = reactive(False)

    def __init__(
        self, choices: tuple[str, ...], *, multi: bool, correct: frozenset[str], id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        self.multi = multi
        self.correct = correct

    def move(self, delta: int) -> None:
        """Move the cursor, wrapping round."""
        self.cursor = (self.cursor + delta) % len(self.choices)

    def toggle(self, index: int) -> None:
        """Tick or untick option ``index`` (0-based) of a multi card."""
        self.cursor = index
        self.ticked = self.ticked ^ {index}

    def chosen(self) -> list[str]:
        """The ticked options' texts, in display order."""
        return [self.choices[i] for i in sorted(self.ticked)]

    def render(self) -> RenderableType:
        out = Text()
        for i, choice in enumerate(self.choices):
            here = i == self.cursor and not self.revealed
            box = ("[x] " if i in self.ticked else "[ ] ") if self.multi else ""
            mark = "  "
            style = ""
            if self.revealed:
                is_right = choice in self.correct
                was_chosen = i in self.ticked
                if is_right:
                    mark, style = "✓ ", "bold green"
                elif was_chosen:
                    mark, style = "✗ ", "bold red"
                else:
                    style = "dim"
            line = Text(f"{'▸' if here else ' '} {mark}{i + 1}. {box}", style="bold" if here else "")
            line.append(clean(choice), style=style + (" reverse" if here else ""))
            if i:
                out.append("\n")
            out.append_text(line)
        return out
