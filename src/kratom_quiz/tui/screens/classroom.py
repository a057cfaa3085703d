"""Class: the teacher's item analysis and a line per learner, from every learner's answers.

Shown to a connection that may read the class (a SQLite file's learners, a classroom server's teacher or
owner); a classroom learner's login gets one line saying the screen is the teacher's. Both reports load
in background workers; a failure is one line on the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from kratom_quiz.tui.classaccess import learn_access
from kratom_quiz.tui.host import host
from kratom_quiz.tui.screens import class_view as view
from kratom_quiz.tui.text import clean, one_line, plural

if TYPE_CHECKING:
    from kratom_quiz.domain.itemanalysis import ItemStats
    from kratom_quiz.services.analysis import LearnerLine
    from kratom_quiz.services.classview import Access


SHORT = 18
"""Terminal rows below which the detail pane is hidden (Enter still shows it)."""


class ClassDetailScreen(ModalScreen[None]):
    """One item's or learner's detail, whole and scrollable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close", id="class.detail.close"),
    ]

    def __init__(self, detail: RenderableType) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="class-detail", classes="dialog"):
            yield Static(self.detail, id="class-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#class-detail", VerticalScroll).focus()  # arrows scroll a long detail

    def action_close(self) -> None:
        """Back to the table."""
        self.dismiss()


class ClassScreen(Screen[None]):
    """Items (flagged first) and learners, for the teacher."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer (the tabs name them; help lists the keys): with them "? Help" was cut at 80.
        Binding("i", "tab('class-items')", "Items", id="class.items", show=False),
        Binding("n", "tab('class-learners')", "Learners", id="class.learners", show=False),
        Binding("o", "sort", "Sort", id="class.sort"),
        Binding("d", "deck", "Deck", id="class.deck"),
        Binding("r", "refresh", "Refresh", id="class.refresh"),
        Binding("escape", "back", "Back", id="class.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ItemStats] = []
        self.shown: dict[str, ItemStats] = {}
        self.learners: dict[str, LearnerLine] = {}
        self.sort = view.SORTS[0]
        self.deck_id: str | None = None
        self.allowed = False
        self.summaries: dict[str, Text | str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the class report…", id="class-status")
        with TabbedContent(id="class-tabs"):
            # "-note": a line in place of the table until there is something to list.
            with TabPane("Items", id="class-items", classes="class-pane -note"):
                yield Static("Loading the items…", id="class-items-note", classes="class-note")
                # The cells' own colours win over the cursor's: a flagged item stays red when highlighted.
                yield DataTable[Text](
                    id="class-items-table",
                    cursor_type="row",
                    zebra_stripes=True,
                    cursor_foreground_priority="renderable",
                )
                with VerticalScroll(classes="class-detail"):
                    yield Static(id="class-items-detail")
            with TabPane("Learners", id="class-learners", classes="class-pane -note"):
                yield Static("Loading the learners…", id="class-learners-note", classes="class-note")
                yield DataTable[Text](id="class-learners-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(classes="class-detail"):
                    yield Static(id="class-learners-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Class"
        items = self.query_one("#class-items-table", DataTable)
        for label in ("Item", "Ans.", "Right", "Discr.", "Flags"):
            items.add_column(label, key=label.lower())
        learners = self.query_one("#class-learners-table", DataTable)
        for label in ("Learner", "Studied", "Answers", "Retention", "Due", "Streak", "Mastery"):
            learners.add_column(label, key=label.lower())
        self.query_one("#class-tabs").display = False
        learn_access(
            host(self),
            self._access_known,
            lambda e: self._status(Text(view.one_line_error("your class role", e), style="bold red")),
        )

    def _access_known(self, access: Access) -> None:
        self.allowed = access.sees_the_class
        self.refresh_bindings()
        if not self.allowed:
            self._status(Text(view.FOR_TEACHERS))
            return
        self.query_one("#class-tabs").display = True
        self.action_refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return True
        if not self.allowed:
            return False
        if action in ("sort", "deck"):
            return self.query_one(TabbedContent).active == "class-items"
        return True

    def _status(self, line: Text | str) -> None:
        self.query_one("#class-status", Static).update(line)

    def _summary(self, pane: str, line: Text | str) -> None:
        """The line over ``pane`` (shown while that tab is open)."""
        self.summaries[pane] = line
        if self.query_one(TabbedContent).active == pane:
            self._status(line)

    # -- loading ----------------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Read both reports again (each in its own worker; a newer load cancels an older one)."""
        if not self.allowed:
            return
        from kratom_quiz.services import analysis

        app = host(self)
        now = app.clock()
        for pane in ("class-items", "class-learners"):
            self._summary(pane, "Loading the class report…")
        app.store.run(
            "reading the item report",
            analysis.item_report,
            self._show_items,
            failed=lambda e: self._failed("class-items", "the item report", e),
            latest_only="class-items",
            owner=self,
        )
        app.store.run(
            "reading the learner report",
            lambda db: analysis.learner_report(db, now),
            self._show_learners,
            failed=lambda e: self._failed("class-learners", "the learner report", e),
            latest_only="class-learners",
            owner=self,
        )

    def _failed(self, pane: str, what: str, error: BaseException) -> None:
        line = view.one_line_error(what, error)
        self._summary(pane, Text(line, style="bold red"))
        self._note(pane, line)

    def _note(self, pane: str, line: str | None) -> None:
        """Show ``line`` in place of the pane's table (or the table again, with None)."""
        self.query_one(f"#{pane}-note", Static).update(line or "")
        # A class, not inline display: the short-terminal rule must still be able to hide the detail.
        self.query_one(f"#{pane}", TabPane).set_class(line is not None, "-note")

    # -- items ------------------------------------------------------------------------------------------

    def _show_items(self, items: list[ItemStats]) -> None:
        self.items = items
        self._draw_items()

    def _deck_title(self) -> str:
        if self.deck_id is None:
            return "All decks"
        app = host(self)
        deck = app.decks.get(self.deck_id)
        return one_line(clean(deck.title if deck else app.deck_titles.get(self.deck_id, self.deck_id)), 30)

    def _draw_items(self) -> None:
        shown = view.ordered(self.items, self.sort, self.deck_id)
        table = self.query_one("#class-items-table", DataTable)
        highlighted = self._highlighted(table)
        table.clear()
        self.shown = {view.item_id(st): st for st in shown}
        self._summary("class-items", view.items_summary(shown, self.sort, self._deck_title()))
        if not any(st.answers for st in shown):
            self._note("class-items", view.NO_ANSWERS if shown else "No items in this deck.")
            return
        self._note("class-items", None)
        for st in shown:
            table.add_row(*view.item_row(st), key=view.item_id(st))
        keys = list(self.shown)
        table.move_cursor(row=keys.index(highlighted) if highlighted in keys else 0)
        self._focus_table("class-items")
        self._detail_item()

    def _focus_table(self, pane: str) -> None:
        """Arrows and Enter go to the open tab's table (not to the tab strip) once it has rows."""
        if self.query_one(TabbedContent).active == pane and not isinstance(self.focused, DataTable):
            self.query_one(f"#{pane}-table", DataTable).focus()

    @staticmethod
    def _highlighted(table: DataTable[Text]) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _item_detail(self) -> RenderableType | None:
        st = self.shown.get(self._highlighted(self.query_one("#class-items-table", DataTable)) or "")
        if st is None:
            return None
        app = host(self)
        deck = app.decks.get(st.info.key[0])
        title = clean(deck.title) if deck else app.deck_titles.get(st.info.key[0], st.info.key[0])
        return view.item_detail(st, title)

    @on(DataTable.RowHighlighted, "#class-items-table")
    def _detail_item(self) -> None:
        detail = self._item_detail()
        if detail is not None:
            self.query_one("#class-items-detail", Static).update(detail)

    def action_sort(self) -> None:
        """Order the items another way: flagged first, hardest, least discriminating, deck order."""
        self.sort = view.SORTS[(view.SORTS.index(self.sort) + 1) % len(view.SORTS)]
        self._draw_items()

    def action_deck(self) -> None:
        """Show the next deck's items (then all decks again)."""
        decks = list(dict.fromkeys(st.info.key[0] for st in self.items))
        if not decks:
            return
        at = decks.index(self.deck_id) + 1 if self.deck_id in decks else 0
        self.deck_id = decks[at] if at < len(decks) else None
        self._draw_items()

    # -- learners ---------------------------------------------------------------------------------------

    def _show_learners(self, lines: list[LearnerLine]) -> None:
        table = self.query_one("#class-learners-table", DataTable)
        highlighted = self._highlighted(table)
        table.clear()
        self.learners = {str(n): line for n, line in enumerate(lines)}
        self._summary("class-learners", view.learners_summary(lines))
        if not lines:
            self._note("class-learners", view.NO_LEARNERS)
            return
        self._note("class-learners", None)
        for key, line in self.learners.items():
            table.add_row(*view.learner_row(line), key=key)
        table.move_cursor(row=int(highlighted) if highlighted in self.learners else 0)
        self._focus_table("class-learners")
        self._detail_learner()
        pane = self.query_one(TabbedContent).get_tab("class-learners")
        pane.label = f"Learners ({len(lines)})"
        self.sub_title = plural(len(lines), "learner")

    def _learner_detail(self) -> RenderableType | None:
        line = self.learners.get(self._highlighted(self.query_one("#class-learners-table", DataTable)) or "")
        return None if line is None else view.learner_detail(line)

    @on(DataTable.RowHighlighted, "#class-learners-table")
    def _detail_learner(self) -> None:
        detail = self._learner_detail()
        if detail is not None:
            self.query_one("#class-learners-detail", Static).update(detail)

    @on(DataTable.RowSelected)
    def _open_detail(self, event: DataTable.RowSelected) -> None:
        """Enter shows the highlighted row's detail whole, in a window of its own (on a short terminal the
        pane under the table is hidden)."""
        items = event.data_table.id == "class-items-table"
        detail = self._item_detail() if items else self._learner_detail()
        if detail is not None:
            self.app.push_screen(ClassDetailScreen(detail))

    def on_resize(self) -> None:
        # Below 18 rows the pane under the table would leave the table a row or two: the table gets them.
        self.set_class(self.size.height < SHORT, "-short")

    # -- keys -------------------------------------------------------------------------------------------

    def action_tab(self, pane: str) -> None:
        """Show the Items or the Learners tab."""
        self.query_one(TabbedContent).active = pane
        self.query_one(f"#{pane}-table", DataTable).focus()
        self.refresh_bindings()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        active = self.query_one(TabbedContent).active
        if active in self.summaries:
            self._status(self.summaries[active])
        self.refresh_bindings()

    def action_back(self) -> None:
        """Back to where the screen was opened from."""
        self.dismiss()
