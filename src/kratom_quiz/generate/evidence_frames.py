"""Questions on the evidence a sentence reports: what kind it is, what would show a claim.

("What does a finding like this show?" was cut: its stem names the subjects, "in rats", and so rules out
every option about other subjects; only the key was left standing.)

These teach judging evidence, the skill vendor pages most need from a reader. Their options are closed sets
(the kinds of evidence; the kinds of study), so a wrong option is surely
wrong whatever the article's subject.
"""

from __future__ import annotations

import re
from typing import Any

from kratom_quiz.domain.model import Evidence
from kratom_quiz.generate.cards import SentenceCards, ordered

# Bare names: a gloss on each ("a study in animals") would echo the stem's cue word ("mice").
EVIDENCE_CHOICES = {
    Evidence.PRECLINICAL: "Preclinical",
    Evidence.CLINICAL_TRIAL: "Clinical trial",
    Evidence.OBSERVATIONAL: "Observational",
    Evidence.REGULATORY: "Regulatory",
}
_COMES_FROM = {
    Evidence.PRECLINICAL: "a study in animals or cells",
    Evidence.CLINICAL_TRIAL: "a controlled trial in people",
    Evidence.OBSERVATIONAL: "what people reported, with no comparison group assigned",
}
_WHY_NOT = {
    Evidence.PRECLINICAL: "Preclinical evidence comes from animals or cells",
    Evidence.CLINICAL_TRIAL: "A clinical trial assigns people to a treatment or a comparison",
    Evidence.OBSERVATIONAL: "Observational evidence records what people report or experience, with no "
    "assigned comparison",
    Evidence.REGULATORY: "Regulatory evidence is an agency's warning or action",
}
_FINDING = re.compile(
    r"\b(?:found|shows?|showed|shown|demonstrat\w+|reports?|reported|reduced|examined|measured|describe[sd]?)\b",
    re.I,
)
_STUDY = re.compile(
    r"\b(?:stud(?:y|ies)|survey\w*|case (?:report|series)\w*|trial|cohort|reviews?|records|poison)\b", re.I
)


def evidence_kind(sc: SentenceCards) -> dict[str, Any] | None:
    """A reported study: what kind of evidence is it? Only when the sentence says what was studied."""
    if not sc.cue or sc.evidence not in EVIDENCE_CHOICES or sc.evidence is Evidence.REGULATORY:
        return None
    if sc.evidence is Evidence.OBSERVATIONAL and not _STUDY.search(sc.sentence):
        return None  # "adverse effects reported with use" names no study to judge
    if not _FINDING.search(sc.sentence):
        return None
    answer = EVIDENCE_CHOICES[sc.evidence]
    rationale = {
        label: f"{_WHY_NOT[level]}; this finding comes from {_COMES_FROM[sc.evidence]}."
        for level, label in EVIDENCE_CHOICES.items()
        if level is not sc.evidence
    }
    lead = ""
    if sc.evidence is Evidence.PRECLINICAL and "human" in sc.heading.casefold():
        lead = f'The article files this under "{sc.heading}", but a study in {sc.cue} is preclinical.'
    prompt = f'The article reports: "{sc.sentence}" What kind of evidence is this?'
    choices = ordered(sc, list(EVIDENCE_CHOICES.values()), "evidence")
    card = sc.card(
        "mcq", "evidence", prompt=prompt, choices=choices, answer=answer, rationale=rationale,
        explanation=sc.explanation(lead, teach=False),
    )  # fmt: skip
    card["topic"] = "evidence"  # the card is about the kind of study, whatever it studied
    sc.asks = frozenset({f"evidence:{sc.evidence.value}"})
    return card


# What could show a claimed benefit: the key and three kinds of study that cannot, each with its reason.
NEEDED_KEY = "A randomised placebo-controlled trial in people"
NEEDED_WRONG = {
    "A survey of people who use kratom for it": "A survey records what users report; with no comparison "
    "group it cannot separate kratom's effect from expectation and chance.",
    "A study of the effect in mice given mitragynine": "An animal study can show an effect in mice, not a "
    "benefit in people.",
    "Case reports of users who say they improved": "Case reports describe single people with no comparison; "
    "they cannot show what caused the change.",
}
_CLAIMED = ("conditions", "effects")
# Effects a vendor page sells as benefits (euphoria or sedation are effects, not benefits to test).
_BENEFITS = frozenset({"pain relief", "mood enhancement", "reduced anxiety", "antidepressant effects"})
_RESEARCHED = re.compile(r"\b(?:stud(?:y|ies|ied)|research\w*|trials?|evidence)\b", re.I)


def evidence_needed(sc: SentenceCards) -> dict[str, Any] | None:
    """A benefit the article asserts without a study: which kind of study could show it?"""
    claimed = next(
        (t for c in _CLAIMED for t in sc.named(c) if c == "conditions" or t.name in _BENEFITS), None
    )
    if claimed is None or sc.named("receptors") or sc.named("mechanisms"):
        return None  # a claim about how kratom acts is a mechanism, not a benefit to test in a trial
    if sc.evidence is not Evidence.CLAIM or sc.cue or _RESEARCHED.search(sc.sentence):
        return None  # "studies have been conducted": the sentence claims research, the card would deny it
    sc.focus(claimed)
    prompt = (
        f'The article states, citing no study: "{sc.sentence}" Which kind of study could show whether '
        f"kratom really {'helps with' if claimed.category == 'conditions' else 'produces'} {claimed.name}, "
        "beyond expectation and chance?"
    )
    lead = (
        "Only a trial that assigns people at random to kratom or a placebo can separate kratom's effect from "
        "expectation, natural recovery and chance."
    )
    choices = ordered(sc, [NEEDED_KEY, *NEEDED_WRONG], "needed")
    card = sc.card(
        "mcq", "needed", prompt=prompt, choices=choices, answer=NEEDED_KEY, rationale=dict(NEEDED_WRONG),
        explanation=sc.explanation(lead, teach=False),
    )  # fmt: skip
    card["topic"] = "evidence"
    sc.asks = frozenset({"evidence-needed"})
    return card
