"""Which source sentences are worth a card, how much each teaches, and what evidence it reports.

A draft is only worth a reviewer's time when its sentence states a fact a learner can use: a mechanism, a
risk, an agency's action, a finding and its kind of study. Vendor pages are full of sentences that are
always true ("more research is needed"), that advise ("consult your doctor before taking"), or that only
praise; those are passed over, and the rest are ranked so that ``--max`` keeps the best.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kratom_quiz.domain.model import Evidence
from kratom_quiz.generate.glossary import Match

# Categories whose terms may be real answers in place of each other (kratom is reported to cause both nausea
# and constipation): an mcq built on them would offer distractors that are true; they make cloze and typed
# cards, or multi cards over a list the article gives.
# Receptors and neurotransmitters too: kratom's alkaloids act at several (mu, delta, kappa, adrenergic), so
# "which receptor" with another receptor offered as wrong is often defensibly right.
# Interactions as well: kratom is reported to interact with most sedatives and many medicines.
OVERLAPPING_CATEGORIES = frozenset(
    {"effects", "adverse-effects", "receptors", "neurotransmitters", "interactions"}
)

# Categories whose terms name one thing each: swapping one for another in a true sentence surely makes it
# false (kratom is not in the poppy family). Effects, alkaloids or receptors are not: kratom also contains
# paynantheine, and "raises the risk of nausea" may be as true as "of constipation".
EXCLUSIVE_CATEGORIES = frozenset({"plant-families", "species"})

# How much a fact about each kind of term teaches a learner about kratom's pharmacology and risks.
CATEGORY_WEIGHT = {
    "alkaloids": 3.0, "receptors": 3.0, "interactions": 3.0, "adverse-effects": 3.0, "agencies": 2.5,
    "neurotransmitters": 2.0, "conditions": 1.5, "effects": 1.0, "plant-families": 1.5, "species": 1.5,
    "places": 0.0,
}  # fmt: skip


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.I)


# Use guidance: a card must never read as advice on taking kratom (ITEM-WRITING.md, A class).
_ADVICE = _words(
    r"consult\w*|health ?care (?:provider|professional)s?|your doctor|medical (?:supervision|guidance)"
    r"|under the (?:guidance|supervision)|dos(?:e|es|age|ages|ing)|how to (?:take|use)|start low"
    r"|capsules?|strains?|vendors?|buy|purchas\w+|brands?|should (?:take|use|try|consider)"
    r"|responsibl[ey]|use kratom|using kratom|users should|patients considering|considering kratom"
    r"|medical advice|paramount"
)
# Always true, whatever the facts: a card on it teaches nothing.
_RESTATEMENT = _words(
    r"more research|further (?:research|studies|investigation)|(?:research|studies|trials) (?:is|are) "
    r"(?:needed|essential|required|necessary|warranted|crucial)|remains? (?:unclear|to be seen)"
    r"|garnered (?:attention|interest)|gain(?:ed|ing) (?:popularity|attention)|growing interest|in conclusion"
    r"|warrants?"
    r"|it(?: is|'s) (?:important|crucial|essential|vital) to|future of|understanding the"
)
# A sentence that leans on the one before it ("these receptors", "such effects") cannot stand alone.
_DANGLING = re.compile(
    r"\b(?:these|those)\s+[a-z]+|\bsuch\s+(?!as\b)[a-z]+|^(?:it|its|this|they|their)\b", re.I
)
# Promotional or vague wording: kept when nothing better exists, ranked low.
_FLUFF = _words(
    r"holistic|journey|promising|multifaceted|complex interplay|overall well-?being|natural remedy"
    r"|plays? an? (?:crucial|vital|key|significant|important) role|wide range|various|numerous"
)
# Wording that states a checkable fact: what a thing is, does, or was found to do.
_FACTUAL = _words(
    r"binds?|bound|acts? (?:as|on)|agonists?|antagonists?|inhibit\w*|metaboli[sz]\w*|converted|classified"
    r"|contains?|is an?|are an?|found|reported|associated with|linked to|caused?|warn\w*|approved|banned"
    r"|schedul\w+|withdrawal|dependence|potent\w*"
)

_AGENCY = _words(
    r"agenc(?:y|ies)|regulators?|regulatory|warn(?:s|ed|ing|ings)?|import alert|banned|approv\w+"
)
_PRECLINICAL = _words(r"mice|mouse|rats?|rodents?|animals?|in vitro|cell cultures?|laboratory studies")
# A kind of study that observes people (reported as such), and plain "reports" that name none.
_STUDIED = _words(r"surveys?|survey-based|case (?:reports?|series)|poison (?:control|centers?)|cohort")
_REPORTED = _words(r"users? report\w*|report(?:s|ed)?|anecdotal")
# A trial that was run and found something; "trials are needed" reports the absence of one.
_TRIAL_DONE = _words(
    r"(?:randomi[sz]ed|placebo-controlled|double-blind|controlled) (?:clinical )?trials?"
    r"|(?:a|one|the|in a) (?:clinical |small |pilot )?trial (?:found|showed|reported|measured|demonstrated)"
    r"|trials? (?:found|showed|have shown|reported|demonstrated)"
)
_TRIAL_ABSENT = _words(
    r"(?:trials?|studies|research) (?:is|are) (?:needed|essential|required|necessary|warranted|lacking)"
    r"|lack of (?:clinical )?(?:trials|studies|evidence)|no (?:clinical |controlled )?trials"
    r"|few (?:clinical )?trials"
)
_HEDGE = _words(
    r"may|might|could|believe[sd]?|thought to|potential(?:ly)?|suggest(?:s|ed)?|likely|possibly|promising"
    r"|some (?:people|individuals|users) (?:say|claim|find)|can (?:serve|help|provide|offer|be used)"
)
# A benefit asserted with no study behind it is a claim, however plainly the page states it.
_BENEFIT = _words(
    r"reliev\w*|relief|alleviat\w*|benefits?|beneficial|therap\w+|treat\w*|improv\w+|enhanc\w+|boost\w*"
    r"|manag(?:e|es|ing|ement)|helps?|adjunct"
)


def guess_evidence(sentence: str, matches: Sequence[Match] = ()) -> Evidence:
    """The evidence level a sentence reports, from what it says was done, not from its keywords.

    "A randomized trial found ..." reports a trial; "trials are needed" reports that there is none, and
    what such a sentence says about benefit is a claim.
    """
    if any(m.term.category == "agencies" for m in matches) or _AGENCY.search(sentence):
        return Evidence.REGULATORY
    if _TRIAL_ABSENT.search(sentence):
        return Evidence.CLAIM
    if _PRECLINICAL.search(sentence):
        return Evidence.PRECLINICAL
    if _TRIAL_DONE.search(sentence):
        return Evidence.CLINICAL_TRIAL
    if _STUDIED.search(sentence):
        return Evidence.OBSERVATIONAL
    # "Kratom has been reported to relieve ..." with no study named is a claim of benefit; a harm that
    # users report is an observation.
    if _HEDGE.search(sentence) or _BENEFIT.search(sentence):
        return Evidence.CLAIM
    if _REPORTED.search(sentence):
        return Evidence.OBSERVATIONAL
    return Evidence.DEFINITION


_ABOUT_KRATOM = _words(r"kratom|mitragyn\w*|7-?oh|7-hydroxy\w*|speciosa")


def skip_reason(sentence: str) -> str | None:
    """Why a sentence makes no card ("advice", "restatement"), or None when it may make one."""
    if not _ABOUT_KRATOM.search(sentence):
        return "not about kratom"
    if _ADVICE.search(sentence):
        return "advice"
    if _RESTATEMENT.search(sentence):
        return "restatement"
    if _DANGLING.search(sentence):
        return "needs the sentence before it"
    return None


def teaching_score(sentence: str, matches: Sequence[Match]) -> float:
    """How much a card on this sentence teaches: higher is better; comparable across documents."""
    categories = {m.term.category for m in matches}
    score = max((CATEGORY_WEIGHT.get(c, 1.0) for c in categories), default=0.0)
    score += 0.5 * (len(categories) - 1)
    score += 1.0 if _FACTUAL.search(sentence) else 0.0
    score -= 1.5 * len(_FLUFF.findall(sentence))
    score -= 0.5 if _HEDGE.search(sentence) else 0.0
    words = len(sentence.split())
    # Long sentences make long prompts that test reading more than knowing.
    score -= max(0, words - 28) * 0.1
    return round(score, 3)
