"""Templated questions for sentences of a known shape, with wrong answers that are surely wrong; the registry.

Each frame recognises one kind of fact (here: a receptor an alkaloid acts at, a kind of receptor action,
the danger of a sedative taken with kratom, an agency's action; in ``naming_frames`` and
``evidence_frames``: what kratom is and holds, and the evidence a sentence reports) and asks about it in its
own words. Wrong options come only from a closed set whose other members cannot be right (the kinds of
receptor action). A template whose honest form needs facts the article lacks is not drafted at all (a harm
partial agonism "may limit"; "name one other receptor", whose right answers are open).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kratom_quiz.domain.model import Evidence
from kratom_quiz.generate.cards import SentenceCards, ordered
from kratom_quiz.generate.evidence_frames import evidence_kind, evidence_needed
from kratom_quiz.generate.judge import is_harm
from kratom_quiz.generate.naming_frames import (
    PRIMARY,
    alkaloid_list,
    family,
    first,
    group_list,
    potency,
    primary_alkaloid,
    primary_statement,
    species,
)

# How much a card of each frame teaches, on the scale of ``judge.teaching_score``.
FRAME_SCORES = {
    "mechanism": 6.0, "acts-as": 6.0, "evidence": 5.5, "receptor": 5.0, "alkaloids": 4.5,
    "agency": 4.5, "scenario": 5.5, "needed": 5.5, "primary": 4.0, "primary-statement": 3.5, "potency": 4.5,
    # Names and classifications that teach neither risk nor mechanism (a species, a plant family, which
    # neurotransmitters are monoamines): below the threshold, so a deck leaves them out.
    "species": 2.5, "family": 2.5, "group": 2.5,
}  # fmt: skip

_FOCUS = re.compile(r"\b(?:particularly|especially|mainly|primarily|chiefly)\b", re.I)
_MEANING = re.compile(r",? meaning (?:that )?(?:it |they )?(?P<what>[^.;]+)", re.I)
# "The U.S. Food and Drug Administration (FDA) has ...": the agency as the subject of the sentence.
_AGENCY_SUBJECT = re.compile(
    r"^(?:In (?P<year>\d{4}),? the|The) (?:U\.?S\.? )?(?P<agency>[A-Z][\w.]*(?: (?:and |of )?[A-Z][\w.]*)*)"
    r"(?: \([A-Z]+\))? "
)
_ACTED = re.compile(
    r"^(?:(?:has|have|had) \w+|warned|flagged|banned|issued|placed|added|approved|seized|recalled"
    r"|announced|linked|listed|classified|named)\b"
)
# Actions only one agency takes (scheduling, an import alert, a seizure): "which agency?" has one answer.
# A warning is not one of them: the FDA, DEA, CDC and other countries' agencies have all warned.
_SINGULAR_ACTION = re.compile(r"\b(?:schedul\w*|import alert\w*|seiz\w+|recall\w*|banned|approv\w+)\b", re.I)
_AGENCY_TAIL = re.compile(r",\s+(?:suggesting|which|and therefore|prompting)\b.*$")


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
    named = "kratom's primary alkaloid" if PRIMARY.search(sc.sentence) else subject.name
    prompt = (
        f"{named[:1].upper()}{named[1:]} acts at opioid receptors in the brain. "
        "At which opioid receptor type in particular? Type its name."
    )
    accept = [f for f in (*target.forms, "mu", "mu-opioid", "mu opioid receptor") if f != target.name]
    fields = {"prompt": prompt, "answer": target.name, "accept": list(dict.fromkeys(accept))}
    if target.name != "mu-opioid receptor":
        fields["accept"] = [f for f in target.forms if f != target.name]
    return sc.card("typed", "receptor", **fields, explanation=sc.explanation(terms=[target, subject]))


def mechanism(sc: SentenceCards) -> dict[str, Any] | None:
    """A kind of receptor action defined in the sentence ("X, meaning ..."): what is it called?"""
    key = first(sc.named("mechanisms"))
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


_DEPRESSANTS = "central nervous system depressants"
# Why a sedative taken with kratom is dangerous, and three other dangers a learner may think of, each
# surely not the shared effect of a sedative and kratom, with the reason. Every option names a danger, so
# the stem ("what makes it dangerous?") rules none out.
COMBINED_KEY = "Both depress breathing and alertness, and the effects add up"
COMBINED_WRONG = {
    "Both raise heart rate and blood pressure, and the effects add up": "Sedatives such as "
    "benzodiazepines calm and slow the body; they do not raise heart rate or blood pressure. What adds up "
    "is depressed breathing and alertness.",
    "Both raise serotonin levels, risking serotonin syndrome": "Sedatives such as benzodiazepines act at "
    "GABA-A receptors and do not raise serotonin; serotonin syndrome is a risk of combining serotonergic "
    "drugs such as SSRIs and MAOIs.",
    "Both excite the brain, and together they risk seizures": "Sedatives such as benzodiazepines damp "
    "brain activity (they are used to stop seizures); the shared danger is sedation, not excitation.",
}


def interaction_scenario(sc: SentenceCards) -> dict[str, Any] | None:
    """A sedative the article says kratom may interact with: a person in that situation, which danger?

    Recognising a risk in a described situation, never planning use: the person is prescribed the drug.
    """
    if not is_harm(sc.sentence, sc.matches) or "interact" not in sc.sentence.casefold():
        return None
    drug = next((t for t in sc.named("interactions") if _DEPRESSANTS in t.groups and t.scenario), None)
    if drug is None:
        return None
    sc.focus(drug)
    sc.asks = frozenset({f"combined:{drug.name}"})
    prompt = (
        f"A person who uses kratom {drug.scenario}. The article warns that kratom may interact with "
        f"{drug.name}. What makes this combination dangerous?"
    )
    choices = ordered(sc, [COMBINED_KEY, *COMBINED_WRONG], "combined")
    return sc.card(
        "mcq", "scenario", prompt=prompt, choices=choices, answer=COMBINED_KEY,
        rationale=dict(COMBINED_WRONG), explanation=sc.explanation(terms=[drug]),
    )  # fmt: skip


def agency_action(sc: SentenceCards) -> dict[str, Any] | None:
    """An agency that acted: which one? The sentence's own predicate makes the question.

    Typed only when the action closes the answer set (a scheduling, an import alert); "which agency has
    warned about kratom?" has several right answers, so a warning makes no card.
    """
    agencies = sc.named("agencies")
    subject = _AGENCY_SUBJECT.match(sc.sentence)
    if not agencies or subject is None or sc.evidence is not Evidence.REGULATORY:
        return None
    if not _SINGULAR_ACTION.search(sc.sentence[subject.end() :]):
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
    ("scenario", interaction_scenario),
    ("group", group_list),
    ("acts-as", acts_as),
    ("evidence", evidence_kind),
    ("needed", evidence_needed),
    ("receptor", receptor_focus),
    ("alkaloids", alkaloid_list),
    ("agency", agency_action),
    ("primary", primary_alkaloid),
    ("potency", potency),
    ("primary-statement", primary_statement),
    ("species", species),
    ("family", family),
)
