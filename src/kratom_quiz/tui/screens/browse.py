"""Browse: a searchable table of cards with filters, a card's detail and history, suspend / unsuspend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Select, Static

from kratom_quiz.domain.model import Card, Evidence, StudyItem
from kratom_quiz.domain.study import BrowseRow, ReviewEntry
from kratom_quiz.tui.host import QuizHost, host
from kratom_quiz.tui.text import clean, human_interval, literal, one_line, plural
from kratom_quiz.tui.widgets.feedback import evidence_badge, source_line

if TYPE_CHECKING:
    from kratom_quiz.services import Database


def due_text(due: datetime | None, now: datetime) -> str:
    """'new', 'now', 'in 3d' or '2d ago'."""
    if due is None:
        return "new"
    wait = (due - now).total_seconds()
    if abs(wait) < 60:
        return "now"
    return f"in {human_interval(wait)}" if wait > 0 else f"{human_interval(-wait)} ago"


def state_text(row: BrowseRow) -> Text:
    """The state, with suspended and leech marked."""
    text = Text(row.state.value)
    if row.suspended:
        text.append(" suspended", style="bold yellow")
    if row.leech:
        text.append(" leech", style="bold red")
    return text


class BrowseScreen(Screen[None]):
    """Find cards, see their progress, open one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("exclamation_mark", "toggle_suspend", "Suspend/unsuspend", id="browse.suspend"),
        Binding("ctrl+f", "focus_search", "Search", id="browse.search"),
        Binding("escape", "back", "Back", id="browse.back"),
    ]

    def compose(self) -> ComposeResult:
        app = host(self)
        topics = sorted({t for d in app.decks.values() for t in d.topics})
        yield Header()
        with Horizontal(id="browse-filters"):
            yield Input(placeholder="Search card text", id="browse-search")
            yield Checkbox("Leeches", id="f-leeches")
            yield Checkbox("Suspended", id="f-suspended")
            yield Select([(t, t) for t in topics], prompt="Any topic", id="f-topic")
            yield Select([(e.label, e.value) for e in Evidence], prompt="Any evidence", id="f-evidence")
        yield DataTable[Text | str](id="browse-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Browse"
        self.rows: dict[str, BrowseRow] = {}
        self.cards: dict[tuple[str, str], Card] = {}
        table = self.query_one("#browse-table", DataTable)
        # The topic list as wide as its longest topic (to a point): a narrow one wrapped names mid-word.
        longest = max((len(t) for d in host(self).decks.values() for t in d.topics), default=10)
        self.query_one("#f-topic", Select).styles.width = min(40, max(22, longest + 8))
        for label in ("Card", "Deck", "Topic", "Evidence", "Tags", "State", "Due", "Lapses"):
            table.add_column(label, key=label.lower())
        self.reload()

    def reload(self) -> None:
        """Search again with the current filters (an older search still running is cancelled)."""
        app = host(self)
        learner = app.learner
        if learner is None:
            return
        from kratom_quiz import services

        now = app.clock()
        query = self.query_one("#browse-search", Input).value.strip()
        leeches = self.query_one("#f-leeches", Checkbox).value
        suspended = self.query_one("#f-suspended", Checkbox).value
        topic = self.query_one("#f-topic", Select).value
        evidence = self.query_one("#f-evidence", Select).value

        def task(db: Database) -> tuple[list[BrowseRow], dict[tuple[str, str], Card]]:
            rows = services.browse(
                db,
                learner.id,
                now,
                query=query,
                leeches_only=leeches,
                suspended_only=suspended,
                topic=topic if isinstance(topic, str) else None,
                evidence=evidence if isinstance(evidence, str) else None,
            )
            return rows, services.stored_cards(db, [(r.key[0], r.key[1]) for r in rows])

        app.store.run("searching cards", task, self._show, latest_only="browse", owner=self)

    def _show(self, found: tuple[list[BrowseRow], dict[tuple[str, str], Card]]) -> None:
        rows, self.cards = found
        app = host(self)
        now = app.clock()
        table = self.query_one("#browse-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        self.rows = {}
        for row in rows:
            key = "|".join(map(str, row.key))
            self.rows[key] = row
            deck = app.decks.get(row.key[0])
            card = self.cards.get((row.key[0], row.key[1]))
            table.add_row(
                Text(one_line(row.question, 36)),
                Text(one_line(deck.title if deck else row.key[0], 16)),
                Text(clean(row.topic)),
                Text(
                    Evidence(row.evidence).label
                    if row.evidence in Evidence._value2member_map_
                    else row.evidence
                ),
                Text(one_line(" ".join(card.tags), 14) if card else ""),
                state_text(row),
                due_text(row.due, now),
                str(row.lapses),
                key=key,
            )
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        self.sub_title = plural(len(rows), "card")

    @on(Input.Changed, "#browse-search")
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def filters_changed(self) -> None:
        """Any filter change searches again."""
        self.reload()

    @on(Input.Submitted, "#browse-search")
    def to_table(self) -> None:
        """Enter in the search box moves to the results."""
        self.query_one("#browse-table", DataTable).focus()

    def _current(self) -> BrowseRow | None:
        table = self.query_one("#browse-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    @on(DataTable.RowSelected, "#browse-table")
    def open_card(self) -> None:
        """Show the highlighted card with its history."""
        row = self._current()
        if row is not None:
            card = self.cards.get((row.key[0], row.key[1]))
            self.app.push_screen(CardDetailScreen(row, card), lambda _: self.reload())

    def action_toggle_suspend(self) -> None:
        """Suspend the highlighted card, or unsuspend it."""
        row = self._current()
        if row is not None:
            toggle_suspended(host(self), row, self.reload, self)

    def action_focus_search(self) -> None:
        """Move to the search box."""
        self.query_one("#browse-search", Input).focus()

    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss()


def toggle_suspended(app: QuizHost, row: BrowseRow, then: Callable[[], object], owner: Screen[Any]) -> None:
    """Flip the row's suspension in a worker and call ``then`` when saved."""
    from kratom_quiz import services

    learner = app.learner
    if learner is None:
        return
    wanted = not row.suspended

    def done(_: None) -> None:
        owner.notify("Card suspended." if wanted else "Card back in your study rotation.")
        then()

    app.store.run(
        "changing the card's suspension",
        lambda db: services.set_suspended(db, learner.id, row.key, wanted),
        done,
        write=True,
        owner=owner,
    )


def history_table(entries: list[ReviewEntry]) -> Table:
    """The answers given to a card, newest first."""
    table = Table(title="History", box=None, header_style="bold", title_justify="left")
    for label in ("When (UTC)", "Mode", "Rating", "Right", "Answer", "Time"):
        table.add_column(label)
    for e in reversed(entries):
        table.add_row(
            f"{e.reviewed_at:%Y-%m-%d %H:%M}",
            e.mode.value,
            e.rating.label,
            Text("✓", style="green") if e.correct else Text("✗", style="red"),
            Text(one_line(e.answer, 30)),
            f"{e.duration_ms / 1000:.0f}s",
        )
    return table


class CardDetailScreen(ModalScreen[None]):
    """One card: its text, progress and review history."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("exclamation_mark", "toggle_suspend", "Suspend/unsuspend", id="card.suspend"),
        Binding("escape", "close", "Close", id="card.close"),
    ]

    def __init__(self, row: BrowseRow, card: Card | None) -> None:
        super().__init__()
        self.row = row
        self.card = card

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="card-detail", classes="dialog"):
            yield Static(id="detail-card")
            yield Static("Loading history…", id="detail-history")
        yield Footer()

    def on_mount(self) -> None:
        app = host(self)
        row = self.row
        deck = app.decks.get(row.key[0])
        card = self.card
        parts: list[Text] = [literal(row.question, style="bold")]
        if card is not None:
            item = StudyItem(card, row.key[2])
            parts += [Text("Answer: ", style="bold") + literal(item.answer_text), literal(card.explanation)]
            parts += [source_line(item, deck.as_deck() if deck else None), evidence_badge(card.evidence)]
        progress = f"State: {row.state.value} · reps {row.reps} · lapses {row.lapses}"
        progress += f" · recall now {row.retrievability:.0%}" if row.reps else ""
        progress += " · suspended" if row.suspended else ""
        progress += " · leech" if row.leech else ""
        parts.append(Text(progress, style="dim"))
        self.query_one("#detail-card", Static).update(Group(*parts))
        learner = app.learner
        if learner is None:
            return
        from kratom_quiz import services

        app.store.run(
            "loading the card's history",
            lambda db: services.card_history(db, learner.id, row.key),
            lambda entries: self.query_one("#detail-history", Static).update(
                history_table(entries) if entries else "Not answered yet."
            ),
            owner=self,
        )

    def action_toggle_suspend(self) -> None:
        """Suspend or unsuspend this card."""
        toggle_suspended(host(self), self.row, self.dismiss, self)

    def action_close(self) -> None:
        """Back to the list."""
        self.dismiss()
