"""``decks lint``: run the item-writing rules over loaded decks and place each finding in its file.

The rules themselves are pure functions in ``kratom_quiz.domain.itemlint``; this module reads positions,
applies each card's ``lint-ignore`` and formats findings as ``file:line:col: CODE message``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kratom_quiz.deckfile import safeyaml
from kratom_quiz.deckfile.loader import display_name
from kratom_quiz.domain import itemlint, itemlint_pairs
from kratom_quiz.domain.itemlint import CODES, Hit
from kratom_quiz.domain.model import Deck


@dataclass(frozen=True, slots=True)
class LintTarget:
    """A loaded deck, the name its file is shown by, and where each of its keys and values stands."""

    display: str
    deck: Deck
    doc: safeyaml.Document

    def pos(self, card: int | None, path: itemlint.FieldPath) -> safeyaml.Pos:
        return self.doc.pos(("cards", *path) if card is None else ("cards", card, *path))


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One finding, sortable in file order."""

    order: int
    line: int
    column: int
    code: str
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"


def targets(decks: Iterable[Deck], display_root: Path | None = None) -> list[LintTarget]:
    """Read each deck's file again, this time keeping positions (the loader reads without them)."""
    found = []
    for deck in decks:
        path = Path(deck.path or "")
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
        found.append(LintTarget(display_name(path, display_root), deck, safeyaml.read(text)))
    return found


def lint(linted: Sequence[LintTarget], select: Iterable[str] = CODES) -> list[Finding]:
    """Every finding of the codes in ``select`` in ``linted``, in file order, less the cards' ignores."""
    wanted = frozenset(select)
    ignored = [[frozenset(c.lint_ignore) for c in t.deck.cards] for t in linted]
    hits: list[tuple[int, Hit]] = []
    for d, target in enumerate(linted):
        for i, card in enumerate(target.deck.cards):
            hits += [(d, Hit(h.code, i, h.path, h.message)) for h in itemlint.card_hits(card)]
        hits += [(d, h) for h in itemlint.deck_hits(target.deck, ignored[d])]
    located = [(d, i, c) for d, t in enumerate(linted) for i, c in enumerate(t.deck.cards)]

    def where(d: int, i: int) -> str:
        return f"{linted[d].display}:{linted[d].pos(i, ()).line}"

    hits += itemlint_pairs.duplicate_hits(located, where) + itemlint_pairs.giveaway_hits(located, where)
    findings = []
    for d, hit in hits:
        cards = [(d, hit.card)] if hit.card is not None else []
        if hit.code not in wanted or any(hit.code in ignored[cd][ci] for cd, ci in [*cards, *hit.also]):
            continue
        pos = linted[d].pos(hit.card, hit.path)
        card_id = "" if hit.card is None else f"card '{linted[d].deck.cards[hit.card].id}': "
        findings.append(Finding(d, pos.line, pos.column, hit.code, linted[d].display, card_id + hit.message))
    return sorted(set(findings))
