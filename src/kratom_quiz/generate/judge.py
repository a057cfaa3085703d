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

# Which wrong answers are safe is decided per question in ``frames`` (only terms the glossary marks as
# surely not kratom's); a plain card never offers options.

# How much a fact about each kind of term teaches a learner about kratom's pharmacology and risks.
CATEGORY_WEIGHT = {
    "alkaloids": 3.0, "receptors": 3.0, "interactions": 3.0, "adverse-effects": 3.0, "agencies": 2.5,
    "neurotransmitters": 2.0, "conditions": 1.5, "effects": 1.0, "plant-families": 1.5, "species": 1.5,
    "places": 0.0, "enzymes": 3.0, "mechanisms": 3.0,
}  # fmt: skip


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.I)


# Use guidance: a card must never read as advice on taking kratom (ITEM-WRITING.md, A class).
_ADVICE = _words(
    r"consult\w*|health ?care (?:provider|professional)s?|your doctor|medical (?:supervision|guidance)"
    r"|under the (?:guidance|supervision)|dos(?:e|es|age|ages|ing)|how to (?:take|use)|start low"
    r"|capsules?|strains?|vendors?|buy|purchas\w+|brands?|should (?:take|use|try|consider)"
    r"|(?:use\w* |used )(?:\w+ )?responsibly|irresponsibly|use kratom|using kratom|users should"
    r"|patients considering|considering kratom"
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
    r"|schedul\w+|withdrawal|dependence|potent\w*|interacts? with"
)

_AGENCY = _words(r"regulators?|regulatory (?:action|agenc\w+)|import alert|banned|schedul(?:e|ed|ing)")
# What an agency did: a warning, a ban, an approval (or its absence).
_ACTION = _words(
    r"warn(?:s|ed|ing|ings)?|flag(?:s|ged)|banned|bans?|schedul\w+|approv\w+|alerts?|seiz\w+|recall\w*"
    r"|advis\w+|issued|announc\w+|linked|listed|classif\w+|placed"
)
_PRECLINICAL = _words(r"mice|mouse|rats?|rodents?|animals?|in vitro|cell cultures?|laboratory studies")
# A kind of study that observes people (reported as such), and plain "reports" that name none.
_STUDIED = _words(
    r"surveys?|survey-based|case (?:reports?|series)|poison (?:control|cent(?:er|re))s?|cohort|death records"
)
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
HEDGE = _words(
    r"may|might|could|believe[sd]?|thought to|potential(?:ly)?|suggest(?:s|ed)?|likely|possibly|promising"
    r"|some (?:people|individuals|users) (?:say|claim|find)|can (?:serve|help|provide|offer|be used)"
)
# A benefit asserted with no study behind it is a claim, however plainly the page states it.
_BENEFIT = _words(
    r"reliev\w*|relief|alleviat\w*|benefits?|beneficial|therap\w+|treat\w*|improv\w+|enhanc\w+|boost\w*"
    r"|manag(?:e|es|ing|ement)|helps?|adjunct"
)


# How strongly a compound acts, compared with another: measured at receptors and in animals.
POTENCY = _words(r"(?:even |much |far )?(?:more|less) potent|stronger|weaker|potency")
_MECHANISM = _words(r"binds?|bound|binding|interacts?|interaction|activat\w+|agonis\w+|antagonis\w+")
_DEFINES = _words(
    r"is an?|are an?|(?:also|scientifically) known as|belongs? to|meaning|is called|refers? to|type of"
    r"|extracted from|derived from"
)


_INTERACTS = _words(r"interact\w*|combin\w+|taken with|together with")


def is_harm(sentence: str, matches: Sequence[Match]) -> bool:
    """True for a sentence that names an adverse effect, or a drug class kratom is said to interact with.

    "Less potent than traditional opioids" names a drug class as a comparison, not as a harm.
    """
    categories = {m.term.category for m in matches}
    if "adverse-effects" in categories:
        return True
    interacts = bool(_INTERACTS.search(sentence))
    return "interactions" in categories and "receptors" not in categories and interacts


def evidence_cue(sentence: str, matches: Sequence[Match] = ()) -> tuple[Evidence, str]:
    """The evidence level a sentence reports and the words that decide it ("" when none decide it).

    The level comes from what the sentence says was done, not from its keywords: "a randomized trial
    found ..." reports a trial, "trials are needed" reports that there is none. A harm that people report
    is observational; a benefit asserted without a study is a claim. When nothing in the sentence decides
    the level, the guess is returned with an empty cue, so that the draft can be ranked lower.
    """
    categories = {m.term.category for m in matches}
    if "agencies" in categories and _ACTION.search(sentence):
        return Evidence.REGULATORY, next(m.text for m in matches if m.term.category == "agencies")
    for level, pattern in (
        (Evidence.REGULATORY, _AGENCY),
        (Evidence.CLAIM, _TRIAL_ABSENT),
        (Evidence.PRECLINICAL, _PRECLINICAL),
        (Evidence.CLINICAL_TRIAL, _TRIAL_DONE),
        (Evidence.OBSERVATIONAL, _STUDIED),
    ):
        if found := pattern.search(sentence):
            return level, found.group()
    harm = is_harm(sentence, matches)
    if harm and (found := _REPORTED.search(sentence)) and not _BENEFIT.search(sentence):
        return Evidence.OBSERVATIONAL, found.group()
    # How a compound acts at a receptor is measured in cell and animal studies; a hedged benefit hung on
    # it ("may contribute to pain relief") is the article's claim.
    speculative = HEDGE.search(sentence) and _BENEFIT.search(sentence)
    acts = categories & {"receptors", "mechanisms"} and _MECHANISM.search(sentence)
    if (acts or ("alkaloids" in categories and POTENCY.search(sentence))) and not speculative:
        return Evidence.PRECLINICAL, ""
    if harm and not _BENEFIT.search(sentence):
        # A harm such as an interaction is documented in case reports and poison-centre records, not
        # merely claimed; the sentence itself names no study, so the cue stays empty.
        return Evidence.OBSERVATIONAL, ""
    if HEDGE.search(sentence) or _BENEFIT.search(sentence):
        return Evidence.CLAIM, ""
    if _REPORTED.search(sentence):
        return Evidence.OBSERVATIONAL if harm else Evidence.CLAIM, ""
    if _DEFINES.search(sentence):
        return Evidence.DEFINITION, "definition"
    return Evidence.DEFINITION, ""


def guess_evidence(sentence: str, matches: Sequence[Match] = ()) -> Evidence:
    """The evidence level a sentence reports (see ``evidence_cue``)."""
    return evidence_cue(sentence, matches)[0]


_ABOUT_KRATOM = _words(r"kratom|mitragyn\w*|7-?oh|7-hydroxy\w*|speciosa")


# Vendor colour and praise: such a sentence states no fact a learner should hold as one.
_MARKETING = _words(
    r"renowned|boost\w*|unique benefits|natural (?:alternative|approach|remedy)|enthusiasts|holistic"
    r"|promising|well-being|shows? promise|vein colou?rs?|synergistic|offer\w* valuable|effective management"
)
# What people say it did for them, with no study: an anecdote, not a finding.
_ANECDOTE = _words(r"(?:users|individuals|people|some) (?:often |have )?report\w*|anecdotal|reported using")
# A harm said to be limited ("minimizing the risk of respiratory depression", "safer than opioids"): a
# vendor's safety reassurance. Drilled as a fact it would teach the reassurance; framing it honestly needs
# cited counter-evidence the article lacks, so no card is drafted from it.
_SAFETY_CLAIM = _words(
    r"(?:minimi[sz]\w*|limit\w*|lower\w*|reduc\w*|without) (?:the )?risks? of|safer than"
    r"|less (?:addictive|risky)|low(?:er)? risk of|(?:little|no) risk of"
)
# A benefit named as a property ("its antidepressant properties"): the article's claim, not a finding.
_CLAIMED_BENEFIT = _words(
    r"(?:antidepressant|anxiolytic|analgesic|therapeutic|mood-enhancing|pain-relieving|medicinal) "
    r"(?:propert\w+|potential|benefits?|effects?)|potential for pain relief"
)
_HISTORY = _words(r"for centuries|long history|traditional(?:ly)? us\w+|in recent years|gained popularity")
# Terms a sentence must name to state something about how kratom acts, rather than what it is said to do.
_SUBSTANCE = frozenset(
    {"alkaloids", "receptors", "mechanisms", "enzymes", "neurotransmitters", "agencies", "species"}
)


def skip_reason(sentence: str, matches: Sequence[Match] = ()) -> str | None:
    """Why a sentence makes no card ("advice", "restatement", "marketing"), or None when it may make one."""
    if not _ABOUT_KRATOM.search(sentence):
        return "not about kratom"
    if _ADVICE.search(sentence):
        return "advice"
    if _RESTATEMENT.search(sentence):
        return "restatement"
    if _DANGLING.search(sentence):
        return "needs the sentence before it"
    if _MARKETING.search(sentence):
        return "marketing"
    if _HISTORY.search(sentence):
        return "history"
    level, cue = evidence_cue(sentence, matches)
    harm = is_harm(sentence, matches)
    if _SAFETY_CLAIM.search(sentence) and harm:
        return "safety claim"
    if _ANECDOTE.search(sentence) and _BENEFIT.search(sentence) and not _STUDIED.search(sentence):
        return "anecdote"
    substance = any(m.term.category in _SUBSTANCE for m in matches)
    if level is Evidence.CLAIM and not cue and not harm and not substance:
        return "unsupported claim"
    # "Research suggests that ... contributes to its antidepressant properties": whatever else the
    # sentence names, what it asserts is the benefit; a card on its terms would pass the claim on.
    if level is Evidence.CLAIM and not cue and _CLAIMED_BENEFIT.search(sentence):
        return "unsupported claim"
    return None


def teaching_score(sentence: str, matches: Sequence[Match]) -> float:
    """How much a card on this sentence teaches: higher is better; comparable across documents."""
    categories = {m.term.category for m in matches}
    score = max((CATEGORY_WEIGHT.get(c, 1.0) for c in categories), default=0.0)
    score += 0.5 * (len(categories) - 1)
    score += 1.0 if _FACTUAL.search(sentence) else 0.0
    score -= 1.5 * len(_FLUFF.findall(sentence))
    score -= 0.5 if HEDGE.search(sentence) else 0.0
    words = len(sentence.split())
    # Long sentences make long prompts that test reading more than knowing.
    score -= max(0, words - 28) * 0.1
    return round(score, 3)
