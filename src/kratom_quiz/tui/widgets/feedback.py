"""What the learner sees after answering: verdict, answers compared, explanation, rationale and source."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from kratom_quiz.domain.citation import cite
from kratom_quiz.domain.model import Deck, Evidence, StudyItem
from kratom_quiz.domain.study import Grade
from kratom_quiz.tui.text import clean

EVIDENCE_STYLES: dict[Evidence, str] = {
    Evidence.REGULATORY: "bold white on red3",
    Evidence.CLINICAL_TRIAL: "bold black on green3",
    Evidence.OBSERVATIONAL: "bold black on gold3",
    Evidence.PRECLINICAL: "bold black on steel_blue1",
    Evidence.CLAIM: "bold white on magenta",
    Evidence.DEFINITION: "bold black on grey70",
}


def evidence_badge(evidence: Evidence) -> Text:
    """A coloured badge naming the evidence level."""
    return Text(f" {evidence.label} evidence ", style=EVIDENCE_STYLES[evidence])


def source_line(item: StudyItem, deck: Deck | None) -> Text:
    """'Source: ' and the card's citation (``domain.citation.cite``)."""
    line = Text("Source: ", style="bold")
    line.append(clean(cite(deck, item.card.source)), style="italic")
    return line


def feedback_view(
    item: StudyItem, grade: Grade | None, answer: str, chosen: list[str], deck: Deck | None
) -> RenderableType:
    """The feedback panel's content. ``grade`` is None for a basic card, which is graded by the learner."""
    parts: list[RenderableType] = []
    if grade is not None:
        verdict = Text(
            "✓ Right" if grade.correct else "✗ Not quite", style="bold green" if grade.correct else "bold red"
        )
        if grade.feedback:
            verdict.append(f"  {clean(grade.feedback)}", style="")
        parts.append(verdict)
        mine = Text("Your answer:    ", style="bold")
        mine.append(clean(answer) or "(none)", style="green" if grade.correct else "red")
        parts.append(mine)
    right = Text("Correct answer: " if grade is not None else "Back: ", style="bold")
    right.append(clean(item.answer_text), style="green")
    parts.append(right)
    if item.card.explanation:
        parts += [Text(""), Text(clean(item.card.explanation))]
    for choice in chosen:
        note = item.card.rationale_for(choice)
        if note:
            line = Text(f"About “{clean(choice)}”: ", style="bold")
            line.append(clean(note))
            parts += [Text(""), line]
    badge = evidence_badge(item.card.evidence)
    parts += [Text(""), source_line(item, deck), badge]
    return Group(*parts)
