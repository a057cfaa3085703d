"""Help: the keys that work on the screen underneath, and how to remap them."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kratom_quiz.tui.keymap import keymap_path

GENERAL = (
    ("ctrl+p", "Command palette: study a deck, switch learner, stats…"),
    ("tab", "Move between fields"),
)


def key_name(key: str) -> str:
    """A key as people write it: "!" not "exclamation_mark", "ctrl+z" as it is."""
    *modifiers, last = key.split("+")
    shown = format_key(last)
    return "+".join([*modifiers, "enter" if shown == "⏎" else shown])


def keys_table(screen: Screen[object]) -> Table:
    """The bindings active on ``screen`` now, with their ids for the keymap file."""
    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("Key")
    table.add_column("Does")
    table.add_column("Id (for keymap.toml)", style="dim")
    seen: set[str] = set()
    choices = False
    for key, active in screen.active_bindings.items():
        binding = active.binding
        # Only the app's own keys (they all have ids); widgets' built-in keys would drown them.
        if not active.enabled or not binding.id or binding.id in seen:
            continue
        seen.add(binding.id)
        if binding.id.startswith("study.choice."):
            choices = True
            continue
        table.add_row(Text(binding.key_display or key_name(key)), Text(binding.description), Text(binding.id))
    if choices:
        table.add_row("1-9", "Choose an option", "study.choice.1 … study.choice.9")
    for key, does in GENERAL:
        table.add_row(key, does, "")
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Text("Keys", style="bold"))
            yield Static(keys_table(self.under), id="help-keys")
            yield Static(
                Text(
                    f'Remap any key by its id in {keymap_path()}, e.g. "study.undo" = "ctrl+u".', style="dim"
                )
            )

    def action_close(self) -> None:
        """Close help."""
        self.dismiss()
