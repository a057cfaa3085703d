"""Templated questions for sentences of a known shape, with wrong answers that are surely wrong.

Each frame recognises one kind of fact (a study and its kind of evidence, kratom's botanical name or family,
its alkaloids, a kind of receptor action, an agency's warning) and asks about it in its own words. Wrong
options come only from glossary terms marked as not kratom's (``kratom: false``) or from a closed set whose
other members cannot be right (the kinds of evidence, the kinds of receptor action).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kratom_quiz.domain.model import Evidence
from kratom_quiz.generate.cards import SentenceCards, digest, ordered
from kratom_quiz.generate.evidence_frames import evidence_kind, evidence_needed, evidence_shows
from kratom_quiz.generate.glossary import Term
from kratom_quiz.generate.judge import POTENCY

# How much a card of each frame teaches, on the scale of ``judge.teaching_score``.
FRAME_SCORES = {
    "mechanism": 6.0, "acts-as": 6.0, "evidence": 5.5, "shows": 5.0, "receptor": 5.0, "alkaloids": 4.5,
    "agency": 4.5, "risk-limit": 5.5, "group": 4.0, "other-receptors": 4.0, "needed": 5.5,
    # A species name tests a name, not understanding: below the default threshold.
    "primary": 4.0, "potency": 4.5, "species": 2.5, "family": 3.5,
}  # fmt: skip

_PRIMARY = re.compile(r"\b(?:primary|main|most prominent|most abundant|principal)\b", re.I)
_FOCUS = re.compile(r"\b(?:particularly|especially|mainly|primarily|chiefly)\b", re.I)
_MEANING = re.compile(r",? meaning (?:that )?(?:it |they )?(?P<what>[^.;]+)", re.I)
_NAMED_AS = re.compile(
    r"\bkratom\b[^.]*\b(?:also known as|scientifically known as|botanical name)",
    re.I,
)
# "The U.S. Food and Drug Administration (FDA) has ...": the agency as the subject of the sentence.
_AGENCY_SUBJECT = re.compile(
    r"^(?:In (?P<year>\d{4}),? the|The) (?:U\.?S\.? )?(?P<agency>[A-Z][\w.]*(?: (?:and |of )?[A-Z][\w.]*)*)"
    r"(?: \([A-Z]+\))? "
)
_ACTED = re.compile(
    r"^(?:(?:has|have|had) \w+|warned|flagged|banned|issued|placed|added|approved|seized|recalled"
    r"|announced|linked|listed|classified|named)\b"
)
_AGENCY_TAIL = re.compile(r",\s+(?:suggesting|which|and therefore|prompting)\b.*$")


def not_kratom(sc: SentenceCards, category: str, count: int) -> list[Term]:
    """``count`` terms of a category the glossary marks as surely not kratom's, none named in the sentence."""
    named = {m.term for m in sc.matches}
    # In glossary order: the most tempting wrong answers (morphine, coffee) are listed first there.
    pool = [
        t for t in sc.glossary.in_category(category) if t.kratom is False and t.distractor and t not in named
    ]
    return pool[:count]


def _first(terms: list[Term]) -> Term | None:
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


def _true_or_false(sc: SentenceCards, key: Term, category: str, statement: str) -> dict[str, Any] | None:
    """Half the sentences (by digest) state the fact, half swap in a term that is surely not kratom's."""
    wrong = not_kratom(sc, category, 1)
    if not wrong:
        return None
    sc.evidence, sc.cue = Evidence.DEFINITION, "definition"
    sc.focus(key)
    if int(digest(sc.original, "truth"), 16) % 2 == 0:
        return sc.card("truefalse", prompt=statement.format(key.name), answer=True)
    other = wrong[0]
    lead = f"False: the article names {key.name}, not {other.name}. {other.why}".strip()
    return sc.card(
        "truefalse", "false-variant", prompt=statement.format(other.name), answer=False,
        explanation=sc.explanation(lead),
    )  # fmt: skip


def _shape(sc: SentenceCards) -> str:
    """An mcq or a true/false card, half and half by the sentence's digest, as far as both are wanted."""
    shapes = [k for k in ("mcq", "truefalse") if k in sc.types] or ["mcq"]
    return shapes[int(digest(sc.original, "shape"), 16) % len(shapes)]


def species(sc: SentenceCards) -> dict[str, Any] | None:
    """Kratom's botanical name, as an mcq or a true/false statement."""
    key = _first(sc.named("species"))
    if key is None or key.kratom is not True or not _NAMED_AS.search(sc.sentence):
        return None
    if _shape(sc) == "truefalse":
        return _true_or_false(sc, key, "species", "Kratom's botanical name is {}.")
    return _choice_card(sc, key, "species", "What is kratom's botanical (species) name?", "species")


def family(sc: SentenceCards) -> dict[str, Any] | None:
    """The plant family kratom belongs to."""
    key = _first(sc.named("plant-families"))
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
        rationale=rationale, explanation=sc.explanation(terms=listed),
    )  # fmt: skip


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
    if int(digest(sc.original, "truth"), 16) % 2 == 0:
        return sc.card(
            "truefalse", "potency", prompt=statement(strong, weak), answer=True,
            explanation=sc.explanation(terms=terms),
        )  # fmt: skip
    lead = f"False: the article reports the reverse: {strong.name} is the more potent of the two."
    return sc.card(
        "truefalse", "potency-false-variant", prompt=statement(weak, strong), answer=False,
        explanation=sc.explanation(lead, terms=terms),
    )  # fmt: skip


def receptor_focus(sc: SentenceCards) -> dict[str, Any] | None:
    """The receptor an alkaloid acts at "particularly": which one, in the learner's own words?"""
    alkaloids = [t for t in sc.named("alkaloids") if t.kratom is True]
    focus = _FOCUS.search(sc.sentence)
    receptors = [m for m in sc.matches if m.term.category == "receptors" and focus and m.start > focus.end()]
    if not alkaloids or not receptors or receptors[0].term.broader == "":
        return None
    target, subject = receptors[0].term, alkaloids[0]
    sc.focus(target)
    # "Kratom's primary alkaloid" rather than its name: the name is another card's answer.
    named = "kratom's primary alkaloid" if _PRIMARY.search(sc.sentence) else subject.name
    prompt = (
        f"The article says {named} acts at opioid receptors in the brain. "
        "At which opioid receptor type in particular? Type its name."
    )
    accept = [f for f in (*target.forms, "mu", "mu-opioid", "mu opioid receptor") if f != target.name]
    fields = {"prompt": prompt, "answer": target.name, "accept": list(dict.fromkeys(accept))}
    if target.name != "mu-opioid receptor":
        fields["accept"] = [f for f in target.forms if f != target.name]
    return sc.card("typed", "receptor", **fields, explanation=sc.explanation(terms=[target, subject]))


def primary_alkaloid(sc: SentenceCards) -> dict[str, Any] | None:
    """The alkaloid the article calls kratom's primary or most prominent one."""
    alkaloids = [m for m in sc.matches if m.term.category == "alkaloids" and m.term.kratom is True]
    primary = _PRIMARY.search(sc.sentence)
    if not alkaloids or not primary or abs(primary.start() - alkaloids[0].end) > 40:
        return None
    prompt = "Which alkaloid does the article name as the most prominent (primary) alkaloid of kratom?"
    return _choice_card(sc, alkaloids[0].term, "alkaloids", prompt, "primary")


def mechanism(sc: SentenceCards) -> dict[str, Any] | None:
    """A kind of receptor action defined in the sentence ("X, meaning ..."): what is it called?"""
    key = _first(sc.named("mechanisms"))
    meaning = _MEANING.search(sc.sentence)
    if key is None or meaning is None:
        return None
    sc.focus(key)
    peers = [t for t in sc.glossary.in_category("mechanisms") if t != key]
    if len(peers) < 3:
        return None
    before = sc.sentence[: meaning.start()]
    subject = "kratom" if "kratom" in before.casefold() else "the compound"
    receptors = [m.text for m in sc.matches if m.term.category == "receptors" and m.end <= meaning.start()]
    at = f"at {receptors[0]} " if receptors else ""
    prompt = (
        f'The article says that {at}{subject} "{meaning.group("what").strip()}". '
        "What is this kind of receptor action called?"
    )
    choices = ordered(sc, [key.name, *(t.name for t in peers[:3])], "mechanism")
    rationale = {t.name: t.why for t in peers[:3] if t.why}
    return sc.card("mcq", "mechanism", prompt=prompt, choices=choices, answer=key.name, rationale=rationale)


_ACTS_AS = re.compile(r"\bacts? as (?:an? )?$", re.I)


def acts_as(sc: SentenceCards) -> dict[str, Any] | None:
    """ "Mitragynine acts as a partial agonist at the mu-opioid receptor": how does it act there?

    Wrong options are the other kinds of receptor action, except any the sentence names (at another
    receptor, an antagonist may be just what the article says it is).
    """
    subject = next((m.term for m in sc.matches if m.term.kratom is True), None)
    for i, m in enumerate(sc.matches):
        after = sc.matches[i + 1] if i + 1 < len(sc.matches) else None
        if m.term.category != "mechanisms" or not _ACTS_AS.search(sc.sentence[: m.start]):
            continue
        if subject is None or after is None or after.term.category != "receptors":
            return None
        if not re.fullmatch(r"\s+at\s+(?:the\s+)?", sc.sentence[m.end : after.start]):
            return None
        named = set(sc.named("mechanisms"))
        wrong = [t for t in sc.glossary.in_category("mechanisms") if t not in named][:3]
        if len(wrong) < 2:
            return None
        sc.focus(m.term)
        agent = {t.name: (t.aliases[0] if t.aliases else t.name) for t in (m.term, *wrong)}
        prompt = f"According to the article, how does {subject.name} act at the {after.term.name}?"
        choices = ordered(sc, list(agent.values()), "acts-as")
        rationale = {agent[t.name]: t.why for t in wrong if t.why}
        return sc.card(
            "mcq", "acts-as", prompt=prompt, choices=choices, answer=agent[m.term.name], rationale=rationale,
            explanation=sc.explanation(terms=[m.term, after.term]),
        )  # fmt: skip
    return None


_LIMITS = re.compile(r"\b(?:minimi[sz]\w*|limit\w*|lower\w*|reduc\w*) the risk of\s+$", re.I)


def risk_limit(sc: SentenceCards) -> dict[str, Any] | None:
    """A receptor action said to limit the risk of a harm ("partial agonism ... minimizing the risk of
    respiratory depression"): which harm? The hedge stays; the harm is typed."""
    mechanism = _first(sc.named("mechanisms"))
    harm = next(
        (
            m
            for m in sc.matches
            if m.term.category == "adverse-effects" and _LIMITS.search(sc.sentence[: m.start])
        ),
        None,
    )
    if mechanism is None or harm is None:
        return None
    hedge = "may" if re.search(r"\bmay\b", sc.sentence, re.I) else "is said to"
    sc.focus(harm.term)
    # The action described, not named: its name is another card's answer.
    action = mechanism.clue or f"{mechanism.name} at opioid receptors"
    prompt = (
        f"According to the article, {action} {hedge} limit the risk of which serious adverse effect of full "
        "opioid agonists? Type its name."
    )
    accept = [f for f in harm.term.forms if f != harm.term.name]
    return sc.card(
        "typed", "risk-limit", prompt=prompt, answer=harm.term.name, **({"accept": accept} if accept else {}),
        explanation=sc.explanation(terms=[mechanism, harm.term]),
    )  # fmt: skip


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


_OTHER_RECEPTORS = re.compile(r"\b(?:other receptors|in addition to)\b", re.I)


def other_receptors(sc: SentenceCards) -> dict[str, Any] | None:
    """ "Besides opioid receptors, kratom interacts with adrenergic, serotonergic ... receptors": name one."""
    others = [
        t for t in sc.named("receptors") if t.broader != "opioid receptor" and t.name != "opioid receptor"
    ]
    if len(others) < 2 or not _OTHER_RECEPTORS.search(sc.sentence) or "opioid" not in sc.sentence.casefold():
        return None
    sc.focus(others[0])
    sc.asks = frozenset({"other-receptors"})
    accept = [f for t in others for f in t.forms if f != others[0].name]
    prompt = (
        "Besides opioid receptors, name one kind of brain receptor the article says kratom also interacts "
        "with. Type its name."
    )
    return sc.card(
        "typed", "other-receptors", prompt=prompt, answer=others[0].name, accept=accept,
        explanation=sc.explanation(terms=others[:1]),
    )  # fmt: skip


def agency_action(sc: SentenceCards) -> dict[str, Any] | None:
    """An agency that warned or acted: which one? The sentence's own predicate makes the question."""
    agencies = sc.named("agencies")
    subject = _AGENCY_SUBJECT.match(sc.sentence)
    if not agencies or subject is None or sc.evidence is not Evidence.REGULATORY:
        return None
    agency = agencies[0]
    sc.focus(agency)
    predicate = _AGENCY_TAIL.sub("", sc.sentence[subject.end() :]).rstrip(" .")
    if subject.group("year"):
        predicate += f" in {subject.group('year')}"
    if not _ACTED.match(predicate):
        return None
    accept = [f for f in agency.forms if f != agency.name]
    return sc.card(
        "typed", "agency", prompt=f"Which agency {predicate}? Type its name.",
        answer=agency.name, accept=accept, explanation=sc.explanation(terms=[agency]),
    )  # fmt: skip


FRAMES: tuple[tuple[str, Callable[[SentenceCards], dict[str, Any] | None]], ...] = (
    ("mechanism", mechanism),
    ("risk-limit", risk_limit),
    ("group", group_list),
    ("other-receptors", other_receptors),
    ("acts-as", acts_as),
    ("evidence", evidence_kind),
    ("shows", evidence_shows),
    ("needed", evidence_needed),
    ("receptor", receptor_focus),
    ("alkaloids", alkaloid_list),
    ("agency", agency_action),
    ("primary", primary_alkaloid),
    ("potency", potency),
    ("species", species),
    ("family", family),
)
