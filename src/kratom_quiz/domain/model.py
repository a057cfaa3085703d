"""Frozen value objects for decks and cards, shared by every layer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from kratom_quiz.domain import cloze


class CardKind(StrEnum):
    """The six kinds of card a deck file may hold."""

    MCQ = "mcq"
    MULTI = "multi"
    TRUEFALSE = "truefalse"
    CLOZE = "cloze"
    TYPED = "typed"
    BASIC = "basic"


class Evidence(StrEnum):
    """How strong the support is for what a card states."""

    REGULATORY = "regulatory"
    CLINICAL_TRIAL = "clinical-trial"
    OBSERVATIONAL = "observational"
    PRECLINICAL = "preclinical"
    CLAIM = "claim"
    DEFINITION = "definition"

    @property
    def label(self) -> str:
        """A short human label, e.g. 'Clinical trial'."""
        return EVIDENCE_LABELS[self]


EVIDENCE_LABELS: dict[Evidence, str] = {
    Evidence.REGULATORY: "Regulatory",
    Evidence.CLINICAL_TRIAL: "Clinical trial",
    Evidence.OBSERVATIONAL: "Observational",
    Evidence.PRECLINICAL: "Preclinical",
    Evidence.CLAIM: "Claim",
    Evidence.DEFINITION: "Definition",
}


@dataclass(frozen=True, slots=True)
class Source:
    """What a deck draws on: a local document (``file`` and ``sha256``; its text is not copied into the
    project) or a bibliographic reference (authors or publisher, year, doi or url; no file)."""

    id: str
    title: str
    file: str = ""
    sha256: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    year: int | None = None
    doi: str = ""
    url: str = ""

    @property
    def is_reference(self) -> bool:
        """True for a published work cited by reference, False for a local document file."""
        return not self.file


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a card's content comes from: a declared source id and a section heading ('' when a card cites a
    reference as a whole)."""

    doc: str
    section: str = ""


@dataclass(frozen=True, slots=True)
class Card:
    """A card as authored in a deck file.

    Kind-specific content lives in a few shared fields:
    mcq: ``choices`` and one ``answers``; multi: ``choices`` and two or more ``answers``;
    typed: ``answers`` is the answer followed by accepted alternatives; truefalse: ``truth``;
    basic: ``back``; cloze: ``prompt`` holds Anki cloze syntax.
    """

    deck_id: str
    id: str
    kind: CardKind
    prompt: str
    explanation: str
    topic: str
    evidence: Evidence
    source: SourceRef
    tags: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    rationale: tuple[tuple[str, str], ...] = ()
    back: str = ""
    truth: bool | None = None
    related: tuple[str, ...] = ()
    """Ids of cards that would hand this card's answer away, or the reverse: never shown back to back."""
    lint_ignore: tuple[str, ...] = field(default=(), compare=False)
    """Lint codes the author marked as deliberate exceptions (a deck-file concern, not shown or stored)."""

    @property
    def ordinals(self) -> tuple[int, ...]:
        """The study items this card makes: the cloze deletion numbers, or (0,) for other kinds."""
        if self.kind is CardKind.CLOZE:
            return tuple(cloze.ordinals(self.prompt))
        return (0,)

    def rationale_for(self, choice: str) -> str | None:
        """The author's note on why ``choice`` is right or wrong, if any."""
        return dict(self.rationale).get(choice)

    def payload(self) -> dict[str, Any]:
        """Everything a learner sees of the card, as plain JSON-ready values (ids excluded), and the
        related cards the queue keeps apart."""
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "prompt": self.prompt,
            "explanation": self.explanation,
            "topic": self.topic,
            "evidence": self.evidence.value,
            "source": [self.source.doc, self.source.section],
            "tags": list(self.tags),
            "choices": list(self.choices),
            "answers": list(self.answers),
            "rationale": [list(r) for r in self.rationale],
            "back": self.back,
            "truth": self.truth,
        }
        if self.related:  # only when declared, so cards without it keep their content hash
            out["related"] = list(self.related)
        return out

    @property
    def content_hash(self) -> str:
        """A digest of everything a learner sees, to tell when a card's text was edited."""
        blob = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Deck:
    """A validated deck: its header, its sources and its cards, in file order."""

    id: str
    title: str
    version: int
    cards: tuple[Card, ...]
    sources: tuple[Source, ...] = ()
    description: str = ""
    path: str | None = field(default=None, compare=False)
    accept: tuple[tuple[str, ...], ...] = ()
    """The deck's own short forms and synonyms: each group is a term followed by its other names."""

    def source(self, doc_id: str) -> Source | None:
        """The declared source with this id, if any."""
        return next((s for s in self.sources if s.id == doc_id), None)

    @property
    def topics(self) -> tuple[str, ...]:
        """The deck's topics, in first-seen order."""
        return tuple(dict.fromkeys(c.topic for c in self.cards))


@dataclass(frozen=True, slots=True)
class StudyItem:
    """One schedulable unit: a card, or one deletion number of a cloze card."""

    card: Card
    ordinal: int = 0

    @property
    def key(self) -> tuple[str, str, int]:
        """(deck id, card id, ordinal): how the store identifies this item."""
        return (self.card.deck_id, self.card.id, self.ordinal)

    @property
    def question(self) -> str:
        """The prompt as shown before answering (a cloze with its active deletion blanked)."""
        if self.card.kind is CardKind.CLOZE:
            return cloze.render_question(self.card.prompt, self.ordinal)
        return self.card.prompt

    @property
    def expected(self) -> tuple[str, ...]:
        """The answers that count as right for this item."""
        kind = self.card.kind
        if kind is CardKind.CLOZE:
            return tuple(cloze.answers(self.card.prompt, self.ordinal))
        if kind is CardKind.TRUEFALSE:
            return ("true" if self.card.truth else "false",)
        if kind is CardKind.BASIC:
            return (self.card.back,)
        return self.card.answers

    @property
    def answer_text(self) -> str:
        """The right answer as one line for feedback."""
        kind = self.card.kind
        if kind is CardKind.CLOZE:
            return cloze.render_answer(self.card.prompt, self.ordinal)
        if kind is CardKind.TRUEFALSE:
            return "True" if self.card.truth else "False"
        if kind is CardKind.BASIC:
            return self.card.back
        if kind is CardKind.TYPED:
            return self.card.answers[0]
        return "; ".join(self.card.answers)


def study_items(card: Card) -> tuple[StudyItem, ...]:
    """Every study item a card makes, in ordinal order."""
    return tuple(StudyItem(card, n) for n in card.ordinals)


def with_related_both_ways(decks: Sequence[Deck]) -> list[Deck]:
    """The decks with ``related`` made symmetric: a card names every card that names it, so that the queue
    (which knows only the card just answered) can keep the pair apart whichever card came first."""
    named_by: dict[str, set[str]] = {}
    for deck in decks:
        for card in deck.cards:
            for other in card.related:
                named_by.setdefault(other, set()).add(card.id)
    if not named_by:
        return list(decks)
    out = []
    for deck in decks:
        cards = []
        for card in deck.cards:
            extra = sorted(named_by.get(card.id, set()) - set(card.related) - {card.id})
            cards.append(replace(card, related=(*card.related, *extra)) if extra else card)
        out.append(replace(deck, cards=tuple(cards)))
    return out


def _hands_away(a: Card, b: Card) -> bool:
    """True when seeing one card right before the other could give its answer: related, or the same card
    (two deletions of one cloze)."""
    return (a.deck_id, a.id) == (b.deck_id, b.id) or b.id in a.related or a.id in b.related


def apart(items: Sequence[StudyItem]) -> list[StudyItem]:
    """``items`` in nearly their order, but no two that hand each other's answer away back to back where
    another order allows it (for a practice quiz, which has no queue to do this).

    Greedy: next comes the first item that does not clash with the one before, preferring the item with the
    most clashes left (as when spreading out repeated letters), so that clashing items are not left to last.
    """
    n = len(items)
    clash = [{j for j in range(n) if j != i and _hands_away(items[i].card, items[j].card)} for i in range(n)]
    if not any(clash):
        return list(items)
    rest, out = list(range(n)), list[int]()
    while rest:
        prev = out[-1] if out else None
        ok = [i for i in rest if prev is None or i not in clash[prev]] or rest[:1]
        best = max(ok, key=lambda i: (len(clash[i]), -i))
        rest.remove(best)
        for other in clash[best]:
            clash[other].discard(best)
        out.append(best)
    return [items[i] for i in out]
