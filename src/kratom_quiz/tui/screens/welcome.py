"""First run (the notice and a first learner) and the learner switcher."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from kratom_quiz.domain.study import LEARNER_NAME_MAX, Learner, learner_name
from kratom_quiz.tui.classaccess import known_access, learn_access
from kratom_quiz.tui.host import host

if TYPE_CHECKING:
    from kratom_quiz.services.classview import Access
from kratom_quiz.tui.text import clean


def valid_name(raw: str) -> str | None:
    """The cleaned learner name, or None when it is empty or too long."""
    try:
        return learner_name(clean(raw))
    except ValueError:
        return None


def create_and_use(screen: Screen[Any], typed: str) -> None:
    """Create a learner from the name typed on ``screen``, close it and study as them."""
    name = valid_name(typed)
    if name is None:
        screen.notify("Type a name first.", severity="warning")
        return
    from kratom_quiz import services

    app = host(screen)

    def created(learner: Learner) -> None:
        screen.dismiss()
        app.use_learner(learner)

    app.store.run(
        "creating a learner", lambda db: services.add_learner(db, name), created, write=True, owner=screen
    )


class WelcomeScreen(Screen[None]):
    """Shown when the database has no learner yet."""

    def compose(self) -> ComposeResult:
        from kratom_quiz.tui.text import NOTICE

        with Vertical(id="welcome"):
            yield Static(Text("Welcome to kratom-quiz", style="bold"), id="welcome-title")
            yield Static(
                "Short question decks on kratom pharmacology and risk awareness, scheduled so you review "
                "each card just before you would forget it.",
                markup=False,
            )
            yield Static(NOTICE, id="welcome-notice", markup=False)
            yield Label("Your name (or a nickname):")
            yield Input(placeholder="e.g. Sam", id="learner-name", max_length=LEARNER_NAME_MAX)
        yield Footer()

    @on(Input.Submitted, "#learner-name")
    def create_learner(self, event: Input.Submitted) -> None:
        """Create the first learner and start studying as them."""
        create_and_use(self, event.value)


class LearnerSwitcher(ModalScreen[None]):
    """Pick a learner, or create one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="learners.close"),
        Binding("c", "class_report", "Class", id="learners.class"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._learners: dict[str, Learner] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="switcher", classes="dialog"):
            yield Static(Text("Who is studying?", style="bold"))
            yield Static(id="switcher-class", classes="muted")
            yield OptionList(id="learners")
            yield Input(placeholder="New learner: type a name and press Enter", id="new-learner")
        yield Footer()

    def on_mount(self) -> None:
        from kratom_quiz import services

        app = host(self)
        app.store.run("listing learners", services.list_learners, self._show, owner=self)
        self.query_one("#switcher-class").display = False
        learn_access(app, self._class_access)

    def _class_access(self, access: Access) -> None:
        """A teacher (or the owner) logs in with no learner of their own: point them at the Class screen."""
        if access.reads_a_server:
            role = access.value
            hint = self.query_one("#switcher-class", Static)
            hint.update(f"Connected as the class's {role}: c opens the Class report.")
            hint.display = True
        self.refresh_bindings()

    def _show(self, learners: list[Learner]) -> None:
        options = self.query_one("#learners", OptionList)
        options.clear_options()
        app = host(self)
        for learner in learners:
            current = app.learner is not None and app.learner.id == learner.id
            label = Text(clean(learner.name) + ("  (current)" if current else ""))
            options.add_option(Option(label, id=str(learner.id)))
        self._learners = {str(learner.id): learner for learner in learners}
        if learners:
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#new-learner", Input).focus()

    @on(OptionList.OptionSelected, "#learners")
    def choose(self, event: OptionList.OptionSelected) -> None:
        """Study as the chosen learner."""
        learner = self._learners.get(event.option.id or "")
        if learner is not None:
            self.dismiss()
            host(self).use_learner(learner)

    @on(Input.Submitted, "#new-learner")
    def create(self, event: Input.Submitted) -> None:
        """Create a learner and switch to them."""
        create_and_use(self, event.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "class_report":  # a server's teacher or owner (a shared file reaches it from home)
            access = known_access(host(self))
            return access is not None and access.reads_a_server
        # The first time, someone has to be chosen: Esc is not offered where it would do nothing.
        return action != "close" or host(self).learner is not None

    def action_class_report(self) -> None:
        """Open the Class screen."""
        host(self).action_class_report()

    def action_close(self) -> None:
        """Close without switching (only when someone is already studying)."""
        if host(self).learner is not None:
            self.dismiss()
