"""Anki cloze syntax: ``{{c1::text}}`` and ``{{c1::text::hint}}``."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A well-formed deletion. Text and hint may not contain braces or '::' of their own.
_PART = r"(?:(?!::|\{\{|\}\}).)"
DELETION = re.compile(
    r"\{\{c(?P<n>[1-9][0-9]{0,2})::(?P<text>" + _PART + r"+?)(?:::(?P<hint>" + _PART + r"*?))?\}\}", re.S
)
BLANK = "[...]"


@dataclass(frozen=True, slots=True)
class ClozeProblem:
    """A malformed part of a cloze text, with its character offset."""

    offset: int
    message: str


def problems(text: str) -> list[ClozeProblem]:
    """Everything wrong with a cloze text; empty when it is well formed and has a deletion."""
    found: list[ClozeProblem] = []
    rest = DELETION.sub(lambda m: "\0" * len(m.group(0)), text)
    for marker in ("{{", "}}"):
        pos = rest.find(marker)
        if pos >= 0:
            snippet = text[pos : pos + 24].split("\n")[0]
            found.append(
                ClozeProblem(pos, f"malformed cloze deletion near '{snippet}' (use {{{{c1::text}}}})")
            )
            break
    if not found and not DELETION.search(text):
        found.append(ClozeProblem(0, "cloze text has no deletion (write {{c1::text}})"))
    return found


def ordinals(text: str) -> list[int]:
    """The distinct deletion numbers, ascending."""
    return sorted({int(m.group("n")) for m in DELETION.finditer(text)})


def answers(text: str, ordinal: int) -> list[str]:
    """The hidden texts of deletion ``ordinal``, in order."""
    return [m.group("text") for m in DELETION.finditer(text) if int(m.group("n")) == ordinal]


def render_question(text: str, ordinal: int) -> str:
    """Blank out deletion ``ordinal`` (showing its hint if any); reveal the others."""

    def repl(m: re.Match[str]) -> str:
        if int(m.group("n")) == ordinal:
            hint = m.group("hint")
            return f"[{hint}]" if hint else BLANK
        return m.group("text")

    return DELETION.sub(repl, text)


def render_answer(text: str, ordinal: int) -> str:
    """The full text with every deletion revealed."""
    del ordinal  # every deletion shows its text on the answer side, as in Anki
    return DELETION.sub(lambda m: m.group("text"), text)
