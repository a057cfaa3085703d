"""What the Class screen draws: item and learner rows, the highlighted item's or learner's detail.

Plain functions of the reports (no Textual), so the screen module keeps to loading and keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kratom_quiz.domain.itemanalysis import MIN_ANSWERS
from kratom_quiz.tui.text import literal, one_line, plural

if TYPE_CHECKING:
    from kratom_quiz.domain.itemanalysis import ItemStats
    from kratom_quiz.services.analysis import LearnerLine

FLAG_STYLE = "bold red"
"""Flagged items and the options their flags name: the colour browse gives a leech."""

NO_ANSWERS = "No first answers yet: the report fills in as learners study."
NO_LEARNERS = "No learners yet: add one with the learner switcher (l) or `kratom-quiz classroom add-learner`."
FOR_TEACHERS = "The Class screen is for the class's teacher: this login sees only its own learner's answers."


@dataclass(frozen=True, slots=True)
class Sort:
    """One way to order the items table."""

    name: str
    key: Callable[[tuple[int, ItemStats]], tuple[float, ...]]


def _missing_last(x: float | None) -> float:
    return 9.0 if x is None else x


SORTS = (
    Sort("flagged first", lambda p: (0.0 if p[1].flags else 1.0, float(p[0]))),
    Sort("hardest first", lambda p: (_missing_last(p[1].difficulty), float(p[0]))),
    Sort("lowest discrimination first", lambda p: (_missing_last(p[1].discrimination), float(p[0]))),
    Sort("deck order", lambda p: (float(p[0]),)),
)


def ordered(stats: list[ItemStats], sort: Sort, deck_id: str | None) -> list[ItemStats]:
    """The items of one deck (or all), in the order ``sort`` asks (ties keep deck order)."""
    chosen = [(n, st) for n, st in enumerate(stats) if deck_id is None or st.info.key[0] == deck_id]
    return [st for _, st in sorted(chosen, key=sort.key)]


def item_id(st: ItemStats) -> str:
    """The row key of an item: deck, card and item number, as ``report items`` names it."""
    return ":".join(map(str, st.info.key))


def percent(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


_SHORT_FLAGS = (
    ("negative discrimination", "negative discrimination"),
    ("near-zero discrimination", "near-zero discrimination"),
    ("distractor never picked", "unpicked distractor"),
    ("strong learners pick distractor", "strong pick a distractor"),
)


def short_flag(flag: str) -> str:
    """A flag in a few words, to fit the table at 80 columns (the detail names it whole)."""
    return next((short for start, short in _SHORT_FLAGS if flag.startswith(start)), one_line(flag, 26))


def item_row(st: ItemStats) -> tuple[Text, ...]:
    """Question, first answers, share right, discrimination and flags; a flagged item stands out in red."""
    style = FLAG_STYLE if st.flags else ""
    mark = "⚑ " if st.flags else "  "
    flags = Text(short_flag(st.flags[0]), style=FLAG_STYLE) if st.flags else Text("")
    if len(st.flags) > 1:
        flags.append(f" +{len(st.flags) - 1}", style="dim")
    return (
        Text(mark, style=style) + literal(one_line(st.info.question, 26), style=style),
        Text(str(st.answers)),
        Text(percent(st.difficulty)),
        Text("—" if st.discrimination is None else f"{st.discrimination:+.2f}"),
        flags,
    )


def item_detail(st: ItemStats, deck_title: str) -> RenderableType:
    """The whole question, each option's share (key marked, flagged options in red) and every flag."""
    parts: list[RenderableType] = [literal(st.info.question, style="bold")]
    figures = (
        f"{deck_title} · {item_id(st)} · {st.info.kind} · {plural(st.answers, 'first answer')} · "
        f"right {percent(st.difficulty)} · discrimination "
        + ("—" if st.discrimination is None else f"{st.discrimination:+.2f}")
    )
    parts.append(Text(figures, style="dim"))
    # The flags before the options: on a short terminal they are what must show without scrolling.
    parts += [Text("⚑ " + flag, style=FLAG_STYLE) for flag in st.flags]
    if st.options:
        named = " ".join(st.flags)
        table = Table(box=None, show_header=True, header_style="bold", padding=(0, 1))
        table.add_column("Option", overflow="fold")
        table.add_column("Chosen", justify="right")
        table.add_column("Strong 27%", justify="right")
        for o in st.options:
            style = FLAG_STYLE if repr(o.option) in named else "green" if o.is_key else ""
            label = literal(("✓ " if o.is_key else "  ") + o.option, style=style)
            table.add_row(label, percent(o.share), percent(o.upper_share))
        parts.append(table)
    if 0 < st.answers < MIN_ANSWERS:
        parts.append(Text(f"Flags wait for {MIN_ANSWERS} first answers.", style="dim"))
    return Group(*parts)


def items_summary(shown: list[ItemStats], sort: Sort, deck_title: str) -> Text:
    """One line over the items table: how many, how many flagged, the deck and order shown."""
    answered = sum(1 for st in shown if st.answers)
    flagged = sum(1 for st in shown if st.flags)
    line = Text(f"{deck_title} · {plural(len(shown), 'item')}, {answered} answered · ")
    line.append(f"{flagged} flagged", style=FLAG_STYLE if flagged else "")
    line.append(f" · {sort.name}", style="dim")
    if answered and not any(st.answers >= MIN_ANSWERS for st in shown):
        line.append(f" · flags wait for {MIN_ANSWERS} answers an item", style="dim")
    return line


def learners_summary(lines: list[LearnerLine]) -> Text:
    """One line over the learners table: how many, how many have answered, how many study every day."""
    answered = sum(1 for line in lines if line.reviews)
    line = Text(f"{plural(len(lines), 'learner')}, {answered} with answers")
    streaks = sum(1 for x in lines if x.streak)
    line.append(f" · {streaks} on a streak", style="bold yellow" if streaks else "")
    return line


def overall_mastery(line: LearnerLine) -> float | None:
    """The share of items mastered over every topic (weighted by the topic's items)."""
    items = sum(n for _, _, n in line.mastery_by_topic)
    if not items or not line.reviews:  # no answer yet: nothing mastered is no figure, not 0 %
        return None
    return sum(m * n for _, m, n in line.mastery_by_topic) / items


def learner_row(line: LearnerLine) -> tuple[Text, ...]:
    """Name, cards studied, answers, true retention, due now, streak and overall mastery."""
    return (
        literal(one_line(line.name, 24)),
        Text(str(line.cards_studied)),
        Text(str(line.reviews)),
        Text(percent(line.true_retention)),
        Text(str(line.due_now)),
        Text(str(line.streak), style="bold yellow" if line.streak else ""),
        Text(percent(overall_mastery(line))),
    )


def learner_detail(line: LearnerLine) -> RenderableType:
    """A learner's mastery by topic and by evidence level (as their own Stats screen shows it)."""
    from kratom_quiz.tui.screens.stats import mastery_table

    head = literal(line.name, style="bold")
    if not line.reviews:
        return Group(head, Text("No answers yet.", style="dim"))
    return Group(
        head,
        mastery_table("Mastery by topic", line.mastery_by_topic),
        mastery_table("Mastery by evidence level", line.mastery_by_evidence, evidence=True),
    )


def one_line_error(what: str, error: BaseException) -> str:
    """A failed load as one line: what could not be read, and the first line of why."""
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return f"Could not load {what}: {reason}"
