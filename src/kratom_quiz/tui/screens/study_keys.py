"""The study screen's keys, and when each one works (the footer offers only those that do)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from textual.binding import Binding

from kratom_quiz.domain.model import CardKind
from kratom_quiz.domain.study import Mode, Rating

QUESTION, FEEDBACK, SAVING, LOADING = "question", "feedback", "saving", "loading"

STUDY_BINDINGS: tuple[Binding, ...] = (
    *[
        Binding(str(n), f"choose({n})", f"Option {n}", id=f"study.choice.{n}", show=False)
        for n in range(1, 10)
    ],
    *[
        Binding(str(r.value), f"grade({r.value})", r.label, id=f"study.grade.{r.name.lower()}")
        for r in Rating
    ],
    Binding("up", "cursor(-1)", "Up", id="study.up", show=False),
    Binding("down", "cursor(1)", "Down", id="study.down", show=False),
    Binding("space", "tick", "Tick", id="study.toggle"),
    Binding("space", "reveal", "Show back", id="study.reveal"),
    Binding("t", "truefalse(True)", "True", id="study.true"),
    Binding("f", "truefalse(False)", "False", id="study.false"),
    Binding("enter", "submit", "Answer", id="study.submit"),
    Binding("enter", "accept", "Accept", id="study.accept"),
    Binding("u,ctrl+z", "undo", "Undo", id="study.undo"),
    Binding("exclamation_mark", "suspend", "Suspend", id="study.suspend"),
    Binding("pageup", "scroll(-1)", "Scroll up", id="study.page_up", show=False),
    Binding("pagedown", "scroll(1)", "Scroll down", id="study.page_down", show=False),
    Binding("escape", "leave('end')", "End", id="study.end"),
    Binding("q", "leave('quit')", "Quit", id="study.quit"),
)


@dataclass(frozen=True, slots=True)
class StudyState:
    """What the keys depend on: the phase, the card's kind, the mode and how far the session is."""

    phase: str
    kind: CardKind | None
    mode: Mode
    options: int
    scheduled: bool  # a study card (grade keys rate it) rather than a practice question
    done: int


def allowed(action: str, parameters: tuple[object, ...], st: StudyState) -> bool:
    """Whether ``action`` works now; a key that does nothing is not offered."""
    question, choice = st.phase == QUESTION, st.kind in (CardKind.MCQ, CardKind.MULTI)
    if action == "choose":
        return question and choice and int(cast(int, parameters[0])) <= st.options
    if action in ("cursor", "submit"):
        return question and choice
    if action == "tick":
        return question and st.kind is CardKind.MULTI
    if action == "reveal":
        return question and st.kind is CardKind.BASIC
    if action == "truefalse":
        return question and st.kind is CardKind.TRUEFALSE
    if action == "accept":
        return st.phase == FEEDBACK
    if action == "grade":
        return st.phase == FEEDBACK and (st.scheduled or st.kind is CardKind.BASIC)
    if action == "undo":
        return st.mode is Mode.STUDY and st.phase in (QUESTION, FEEDBACK) and st.done > 0
    if action == "suspend":
        return st.mode is Mode.STUDY and st.phase in (QUESTION, FEEDBACK)
    return True
