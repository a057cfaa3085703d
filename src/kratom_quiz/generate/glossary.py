"""The glossary of domain terms (package data) and finding its terms in sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from kratom_quiz.generate.clean import normalise


@dataclass(frozen=True, slots=True)
class Term:
    """A domain term: its name as shown in choices, its category (the card topic) and other spellings.

    ``distractor`` is False for a general term that would also be right in place of its peers;
    ``broader`` names the general term this one is a kind of; ``kratom`` is True for a term that is true of
    kratom (its alkaloid, its family), False for one that surely is not, None when the glossary does not say;
    ``why`` is a sentence that teaches the term, ``clue`` a hint that singles it out in a list;
    ``groups`` names the classes it belongs to ("monoamine neurotransmitters"), ``not_groups`` those it
    surely does not (so that it may be a wrong answer to "which of these are monoamines?"); ``scenario``
    says how a person comes to combine a drug with kratom, for a question on recognising the risk.
    """

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    distractor: bool = True
    broader: str = ""
    kratom: bool | None = None
    why: str = ""
    clue: str = ""
    groups: tuple[str, ...] = ()
    not_groups: tuple[str, ...] = ()
    scenario: str = ""

    def related(self, other: Term) -> bool:
        """True when one term is a kind of the other, so neither makes a wrong answer for the other."""
        # Names are never empty, so an unset ``broader`` ("") never equals one.
        return self.broader == other.name or other.broader == self.name

    @property
    def forms(self) -> tuple[str, ...]:
        """Name and aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Match:
    """Where a term occurs in a sentence."""

    term: Term
    start: int
    end: int
    text: str

    @property
    def plural(self) -> bool:
        """True when the text is a plural the glossary does not list ("receptors" for "receptor")."""
        folded = self.text.casefold()
        return folded.endswith("s") and all(folded != f.casefold() for f in self.term.forms)


def inflect(name: str, plural: bool) -> str:
    """``name`` in the plural when ``plural`` is set (simple English "s")."""
    return name + "s" if plural and not name.endswith("s") else name


def _case_sensitive(form: str) -> bool:
    # Acronyms (FDA, SSRIs, MOR) would match ordinary words if case were ignored ("who", "mor").
    return sum(ch.isupper() for ch in form) >= 2


def _form_pattern(form: str) -> str:
    pattern = re.escape(form).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]?")
    if not _case_sensitive(form) and form[-1:].isalpha() and not form.endswith("s"):
        pattern += "s?"
    return pattern if _case_sensitive(form) else f"(?i:{pattern})"


class Glossary:
    """Terms by category, with one compiled pattern that finds them all, longest form first."""

    def __init__(self, terms: list[Term], hints: dict[str, str]) -> None:
        self.terms = tuple(terms)
        self.hints = hints
        forms = sorted(
            ((form, term) for term in terms for form in term.forms), key=lambda ft: (-len(ft[0]), ft[0])
        )
        self._by_group = {f"t{i}": term for i, (_, term) in enumerate(forms)}
        alternatives = "|".join(f"(?P<t{i}>{_form_pattern(form)})" for i, (form, _) in enumerate(forms))
        # Hyphens count as word characters so that "opioid" is not found inside "mu-opioid".
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    def in_category(self, category: str) -> tuple[Term, ...]:
        """Every term of one category, in glossary order."""
        return tuple(t for t in self.terms if t.category == category)

    def hint(self, category: str) -> str:
        """What a term of this category is called ("alkaloid")."""
        return self.hints.get(category, "term")

    def find(self, sentence: str) -> list[Match]:
        """Every occurrence of a glossary term in ``sentence``, left to right, without overlaps."""
        found = []
        for m in self._pattern.finditer(sentence):
            assert m.lastgroup is not None
            found.append(Match(self._by_group[m.lastgroup], m.start(), m.end(), m.group()))
        return found


def parse_glossary(data: Any) -> Glossary:
    """Build a glossary from its YAML data.

    Raises:
        ValueError: when the data does not have the shape described in glossary.yaml.
    """
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ValueError("glossary must be a mapping with 'categories' and 'terms'")
    categories = data.get("categories") or {}
    hints = {str(k): str((v or {}).get("hint", k)) for k, v in categories.items()}
    terms = []
    for raw in data["terms"]:
        name, category = raw.get("name"), raw.get("category")
        if not isinstance(name, str) or category not in hints:
            raise ValueError(f"glossary term {raw!r} needs a name and a known category")
        aliases = tuple(normalise(str(a)) for a in raw.get("aliases") or ())
        distractor = raw.get("distractor", True) is not False
        kratom = raw.get("kratom")
        if kratom is not None and not isinstance(kratom, bool):
            raise ValueError(f"glossary term {name!r}: 'kratom' must be true or false")
        terms.append(
            Term(
                normalise(name),
                category,
                aliases,
                distractor,
                normalise(str(raw.get("broader", ""))),
                kratom,
                normalise(str(raw.get("why", ""))),
                normalise(str(raw.get("clue", ""))),
                tuple(str(g) for g in raw.get("groups") or ()),
                tuple(str(g) for g in raw.get("not_groups") or ()),
                normalise(str(raw.get("scenario", ""))),
            )
        )
    return Glossary(terms, hints)


@cache
def default_glossary() -> Glossary:
    """The glossary shipped with the package."""
    text = resources.files("kratom_quiz.generate").joinpath("glossary.yaml").read_text(encoding="utf-8")
    return parse_glossary(yaml.safe_load(text))
