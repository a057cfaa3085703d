"""Questions on what kratom is and holds: its species and family, its alkaloids, classes and their members.

Wrong options come only from glossary terms marked as surely not kratom's (``kratom: false``) or surely
outside a class (``not_groups``); a false statement only swaps in such a term, or reverses a comparison.
"""

from __future__ import annotations

import re
from typing import Any

from kratom_quiz.domain.model import Evidence
from kratom_quiz.generate.cards import SentenceCards, digest, ordered
from kratom_quiz.generate.glossary import Term
from kratom_quiz.generate.judge import POTENCY

# "the primary alkaloid", "with mitragynine being the most prominent"; not "its primary alkaloids, X and Y".
PRIMARY = re.compile(r"\b(?:primary|main|most prominent|most abundant|principal)\b(?! alkaloids)", re.I)
_NAMED_AS = re.compile(
    r"\bkratom\b[^.]*\b(?:also known as|scientifically known as|botanical name)",
    re.I,
)


def not_kratom(sc: SentenceCards, category: str, count: int) -> list[Term]:
    """``count`` terms of a category the glossary marks as surely not kratom's, none named in the sentence."""
    named = {m.term for m in sc.matches}
    # In glossary order: the most tempting wrong answers (morphine, coffee) are listed first there.
    pool = [
        t for t in sc.glossary.in_category(category) if t.kratom is False and t.distractor and t not in named
    ]
    return pool[:count]


def first(terms: list[Term]) -> Term | None:
    """The first term of a list, or None."""
    return terms[0] if terms else None


def _why_wrong(term: Term, fallback: str) -> str:
    return term.why or fallback


def _choice_card(
    sc: SentenceCards, key: Term, category: str, prompt: str, variant: str
) -> dict[str, Any] | None:
    sc.evidence, sc.cue = Evidence.DEFINITION, "definition"  # what the card asks is a name
    sc.focus(key)
    wrong = not_kratom(sc, category, 3)
    if len(wrong) < 3:
        return None
    choices = ordered(sc, [key.name, *(t.name for t in wrong)], variant)
    hint = sc.glossary.hint(category)
    rationale = {t.name: _why_wrong(t, f"Not the {hint} the article names.") for t in wrong}
    return sc.card("mcq", variant, prompt=prompt, choices=choices, answer=key.name, rationale=rationale)


OTHER_FORM = "_other"
"""Key of a true/false draft's other form (true for a false one, false for a true one), so that a deck can
be balanced; removed before the card is written."""


def either(sc: SentenceCards, true: dict[str, Any], false: dict[str, Any]) -> dict[str, Any]:
    """One of a statement's two forms, half and half by the sentence's digest, carrying the other."""
    first, second = (true, false) if int(digest(sc.original, "truth"), 16) % 2 == 0 else (false, true)
    return {**first, OTHER_FORM: second}


def _true_or_false(sc: SentenceCards, key: Term, category: str, statement: str) -> dict[str, Any] | None:
    """Half the sentences (by digest) state the fact, half swap in a term that is surely not kratom's."""
    wrong = not_kratom(sc, category, 1)
    if not wrong:
        return None
    sc.evidence, sc.cue = Evidence.DEFINITION, "definition"
    sc.focus(key)
    true = sc.card("truefalse", prompt=statement.format(key.name), answer=True)
    other = wrong[0]
    lead = f"False: the article names {key.name}, not {other.name}. {other.why}".strip()
    false = sc.card(
        "truefalse", "false-variant", prompt=statement.format(other.name), answer=False,
        explanation=sc.explanation(lead),
    )  # fmt: skip
    return either(sc, true, false)


def _shape(sc: SentenceCards) -> str:
    """An mcq or a true/false card, half and half by the sentence's digest, as far as both are wanted."""
    shapes = [k for k in ("mcq", "truefalse") if k in sc.types] or ["mcq"]
    return shapes[int(digest(sc.original, "shape"), 16) % len(shapes)]


def species(sc: SentenceCards) -> dict[str, Any] | None:
    """Kratom's botanical name, as an mcq or a true/false statement."""
    key = first(sc.named("species"))
    if key is None or key.kratom is not True or not _NAMED_AS.search(sc.sentence):
        return None
    if _shape(sc) == "truefalse":
        return _true_or_false(sc, key, "species", "Kratom's botanical name is {}.")
    return _choice_card(sc, key, "species", "What is kratom's botanical (species) name?", "species")


def family(sc: SentenceCards) -> dict[str, Any] | None:
    """The plant family kratom belongs to."""
    key = first(sc.named("plant-families"))
    if key is None or key.kratom is not True or not re.search(r"\bbelongs? to\b", sc.sentence, re.I):
        return None
    if not re.match(r"^(?:kratom|mitragyna speciosa)\b", sc.sentence, re.I):
        return None
    if _shape(sc) == "truefalse":
        return _true_or_false(sc, key, "plant-families", "Kratom belongs to the {} family of plants.")
    return _choice_card(sc, key, "plant-families", "To which plant family does kratom belong?", "family")


def alkaloid_list(sc: SentenceCards) -> dict[str, Any] | None:
    """Two or more of kratom's alkaloids named as such: which of these are they?"""
    listed = [t for t in sc.named("alkaloids") if t.kratom is True][:3]
    if len(listed) < 2 or "alkaloid" not in sc.sentence.casefold():
        return None
    wrong = not_kratom(sc, "alkaloids", 2)
    if len(wrong) < 2:
        return None
    sc.evidence, sc.cue = Evidence.DEFINITION, "definition"
    sc.focus(listed[0])
    choices = ordered(sc, [t.name for t in (*listed, *wrong)], "alkaloids")
    rationale = {t.name: _why_wrong(t, "Not an alkaloid of kratom.") for t in wrong}
    # Answers are kratom alkaloids by the glossary, wrong options surely not: the question is about kratom.
    prompt = "Which of these are alkaloids of the kratom plant? (Choose all that apply.)"
    return sc.card(
        "multi", "alkaloids", prompt=prompt, choices=choices, answers=[t.name for t in listed],
        rationale=rationale, explanation=sc.explanation(terms=wrong),
    )  # fmt: skip


# Why each statement's point matters: general pharmacology, true of any drug, so citing kratom needs none.
POTENCY_MATTERS = (
    "Potency is how little of a drug it takes to produce an effect; at opioid receptors a more potent "
    "compound can also reach harmful effects, such as slowed breathing, at smaller amounts."
)
ABUNDANCE_MATTERS = (
    "A plant's most abundant compound need not be its most potent: a minor compound, concentrated in a "
    "product, can change how strongly the product acts."
)


def potency(sc: SentenceCards) -> dict[str, Any] | None:
    """An alkaloid said to be more potent than another: a true statement, or the reverse, surely false."""
    found = POTENCY.search(sc.sentence)
    stronger = [m.term for m in sc.matches if m.term.kratom is True and found and m.end <= found.start()]
    if not found or not stronger or "more potent" not in found.group().casefold():
        return None
    later = [m.term for m in sc.matches if m.start >= found.end()]
    around = later or [m.term for m in reversed(sc.glossary.find(sc.context))]
    weaker = [t for t in around if t.category == "alkaloids" and t.kratom is True and t != stronger[-1]]
    if not weaker or "truefalse" not in sc.types:
        return None
    strong, weak = stronger[-1], weaker[0]
    sc.focus(strong)
    sc.asks = frozenset({f"potency:{strong.name}:{weak.name}"})
    sc.note = (
        "Evidence: preclinical. Potency is compared in receptor assays and animal tests (the article cites "
        "none); such tests do not show effects or safety in people."
    )

    def statement(a: Term, b: Term) -> str:
        return f"{a.name[:1].upper()}{a.name[1:]} is a more potent pain reliever than {b.name}."

    terms = [strong, weak]
    true = sc.card(
        "truefalse", "potency", prompt=statement(strong, weak), answer=True,
        explanation=sc.explanation(terms=terms, matters=POTENCY_MATTERS),
    )  # fmt: skip
    lead = f"False: the article reports the reverse: {strong.name} is the more potent of the two."
    false = sc.card(
        "truefalse", "potency-false-variant", prompt=statement(weak, strong), answer=False,
        explanation=sc.explanation(lead, terms=terms, matters=POTENCY_MATTERS),
    )  # fmt: skip
    return either(sc, true, false)


def primary_alkaloid(sc: SentenceCards) -> dict[str, Any] | None:
    """The alkaloid the article calls kratom's primary or most prominent one."""
    alkaloids = [m for m in sc.matches if m.term.category == "alkaloids" and m.term.kratom is True]
    primary = PRIMARY.search(sc.sentence)
    if not alkaloids or not primary or abs(primary.start() - alkaloids[0].end) > 40:
        return None
    prompt = "Which alkaloid does the article name as the most prominent (primary) alkaloid of kratom?"
    return _choice_card(sc, alkaloids[0].term, "alkaloids", prompt, "primary")


_MOST_ABUNDANT = "most abundant kratom alkaloid"


def primary_statement(sc: SentenceCards) -> dict[str, Any] | None:
    """The primary alkaloid as a true/false statement; the false form names another of kratom's alkaloids,
    surely not the most abundant. Stands in when the mcq would show a name other cards ask for."""
    if primary_alkaloid(sc) is None or "truefalse" not in sc.types:
        return None
    key = next(m.term for m in sc.matches if m.term.category == "alkaloids" and m.term.kratom is True)
    if _MOST_ABUNDANT not in key.groups:
        return None  # the article names another alkaloid as primary: no statement is surely true
    other = next(t for t in sc.glossary.in_category("alkaloids") if t.kratom is True and t != key)
    sc.evidence, sc.cue = Evidence.DEFINITION, "definition"
    sc.focus(key)
    sc.asks = frozenset({_MOST_ABUNDANT})

    def statement(term: Term) -> str:
        return f"{term.name[:1].upper()}{term.name[1:]} is the most abundant (primary) alkaloid in kratom."

    true = sc.card(
        "truefalse", "primary", prompt=statement(key), answer=True,
        explanation=sc.explanation(matters=ABUNDANCE_MATTERS),
    )  # fmt: skip
    lead = f"False: the article names {key.name} as kratom's primary alkaloid, not {other.name}."
    false = sc.card(
        "truefalse", "primary-false-variant", prompt=statement(other), answer=False,
        explanation=sc.explanation(lead, matters=ABUNDANCE_MATTERS),
    )  # fmt: skip
    return either(sc, true, false)


def group_list(sc: SentenceCards) -> dict[str, Any] | None:
    """A class named with members ("monoamine neurotransmitters such as serotonin and dopamine"): which of
    these belong to it? Wrong options are terms the glossary says surely do not."""
    text = sc.sentence.casefold()
    for group in dict.fromkeys(g for m in sc.matches for g in m.term.groups):
        members = [t for t in dict.fromkeys(m.term for m in sc.matches) if group in t.groups][:3]
        if group.casefold() not in text or len(members) < 2:
            continue
        named = {m.term for m in sc.matches}
        wrong = [t for t in sc.glossary.terms if group in t.not_groups and t not in named][:2]
        if len(wrong) < 2:
            return None
        sc.evidence, sc.cue = Evidence.DEFINITION, "definition"
        sc.focus(members[0])
        sc.asks = frozenset({f"group:{group}"})
        choices = ordered(sc, [t.name for t in (*members, *wrong)], "group")
        rationale = {t.name: _why_wrong(t, f"Not one of the {group}.") for t in wrong}
        return sc.card(
            "multi", "group", prompt=f"Which of these are {group}? (Choose all that apply.)", choices=choices,
            answers=[t.name for t in members], rationale=rationale,
            explanation=sc.explanation(terms=[members[0], wrong[0]]),
        )  # fmt: skip
    return None
