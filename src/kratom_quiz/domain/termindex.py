"""The terms a typed answer is checked against, keyed once per deck (not once per answer)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kratom_quiz.domain import cloze
from kratom_quiz.domain.answerkey import answer_key
from kratom_quiz.domain.model import Card, CardKind, Deck
from kratom_quiz.domain.terms import DOMAIN_TERMS, SHORT_FORMS


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment), capped at ``limit + 1``."""
    return int(OSA.distance(a, b, score_cutoff=limit))


@dataclass(frozen=True, slots=True)
class TermIndex:
    """Known terms by key, their groups of equivalent forms, and the keys by length for near-miss scans.

    Build it once per deck with :func:`deck_index` (or :meth:`build`); grading an answer then costs a few
    set look-ups and a scan of the keys within the typo budget's length of the answer.
    """

    keys: frozenset[str]
    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    by_length: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, terms: Iterable[str], groups: Iterable[Iterable[str]] = ()) -> TermIndex:
        """An index of ``terms``; each of ``groups`` lists forms that count as one another (its forms are
        terms too). Groups that share a form are merged."""
        keyed: dict[str, frozenset[str]] = {}
        for group in groups:
            members = frozenset(k for k in map(answer_key, group) if k)
            for k in members:
                members |= keyed.get(k, frozenset())
            for k in members:
                keyed[k] = members
        keys = frozenset(k for k in map(answer_key, terms) if k) | frozenset(keyed)
        lengths: defaultdict[int, list[str]] = defaultdict(list)
        for k in keys:
            lengths[len(k)].append(k)
        return cls(keys, keyed, {n: tuple(sorted(ks)) for n, ks in lengths.items()})

    def with_terms(self, terms: Iterable[str]) -> TermIndex:
        """This index plus ``terms`` (a card's own choices); itself when they add nothing."""
        extra = frozenset(k for k in map(answer_key, terms) if k) - self.keys
        if not extra:
            return self
        lengths = {n: list(ks) for n, ks in self.by_length.items()}
        for k in extra:
            lengths.setdefault(len(k), []).append(k)
        return TermIndex(self.keys | extra, self.groups, {n: tuple(ks) for n, ks in lengths.items()})

    def equivalents(self, key: str) -> frozenset[str]:
        """``key`` and every form of the same term."""
        return self.groups.get(key, frozenset({key}))

    def near(self, key: str, distance: int, exclude: frozenset[str]) -> bool:
        """True when a term outside ``exclude`` is within ``distance`` edits of ``key``."""
        for n in range(len(key) - distance, len(key) + distance + 1):
            candidates = self.by_length.get(n, ())
            if not candidates:
                continue
            found = process.extract(
                key, candidates, scorer=OSA.distance, score_cutoff=distance, limit=len(exclude) + 1
            )
            if any(choice not in exclude for choice, _, _ in found):
                return True
        return False


@cache
def domain_index() -> TermIndex:
    """The built-in terms and short forms of the domain glossary (built once per process)."""
    return TermIndex.build(DOMAIN_TERMS, SHORT_FORMS)


def card_terms(card: Card) -> frozenset[str]:
    """A card's choices, answers and cloze texts: the terms it brings to the deck."""
    hidden = (text for n in card.ordinals for text in cloze.answers(card.prompt, n))
    found = (*card.choices, *card.answers, *(hidden if card.kind is CardKind.CLOZE else ()))
    return frozenset(t for t in found if t.strip())


def deck_terms(deck: Deck) -> frozenset[str]:
    """Every choice, answer and cloze text in a deck (basic card backs are sentences, not terms)."""
    return frozenset().union(*(card_terms(c) for c in deck.cards))


def deck_index(deck: Deck) -> TermIndex:
    """The domain glossary plus the deck's terms and its own short forms (the deck's ``accept`` table);
    the caller keeps it for the deck's session.

    A typed card's accepted answers are forms of its answer only, so they are terms, not a group: another
    card's answer "mu" must not count as "mu-opioid" through a third card's ``accept``.
    """
    return TermIndex.build(DOMAIN_TERMS | deck_terms(deck), (*SHORT_FORMS, *deck.accept))
