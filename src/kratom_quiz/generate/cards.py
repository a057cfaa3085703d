"""The cards one source sentence can make: shared fields, explanations that teach, cloze and typed shapes.

The templated questions (which alkaloid, which plant family, what kind of evidence) are in ``frames``; this
module holds what every card of a sentence shares and the plain shapes used when no template fits.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from kratom_quiz.domain.model import Evidence
from kratom_quiz.generate.documents import SourceDoc
from kratom_quiz.generate.glossary import Glossary, Match, Term
from kratom_quiz.generate.judge import evidence_cue

ID_HASH_CHARS = 8
GIST_CHARS = 240
BLANK = "_____"
# Which term a sentence's card asks about, when it names several.
CATEGORY_PRIORITY = (
    "mechanisms", "enzymes", "alkaloids", "receptors", "adverse-effects", "interactions", "agencies",
    "neurotransmitters", "species", "plant-families", "conditions", "effects", "places",
)  # fmt: skip

# What each level does and does not show: the why-line a learner needs to weigh the statement.
EVIDENCE_NOTES = {
    Evidence.REGULATORY: "Evidence: regulatory. An agency's warning rests on its review of reports and data: "
    "an official finding of risk, though not a controlled trial.",
    Evidence.PRECLINICAL: "Evidence: preclinical. Animal and laboratory studies show that a compound can act "
    "in that model; they do not show the effect, its size or its safety in people.",
    Evidence.OBSERVATIONAL: "Evidence: observational. Reports and surveys of people show what happened to "
    "them, not that kratom caused it: there is no comparison group.",
    Evidence.CLINICAL_TRIAL: "Evidence: clinical trial, as the article reports it. A controlled trial in "
    "people is the strongest kind of study listed here; check the trial itself.",
    Evidence.CLAIM: "Evidence: claim. The article asserts this without citing a study, so it is unproven as "
    "stated.",
    Evidence.DEFINITION: "Evidence: definition. This is a name or classification, not a finding.",
}
# A receptor action with no study named: the level follows from how such actions are measured.
MECHANISM_NOTE = (
    "Evidence: preclinical. How a compound binds to and activates receptors is measured in cell and animal "
    "studies, not in people."
)
# A harm with no study named: such harms are documented in people, as associations.
HARM_NOTE = (
    "Evidence: observational. A harm reported in people is observational evidence: it shows an "
    "association, not proof of cause."
)
# A sentence that names no glossary term but reports a study is about the study itself.
STUDY = Term("study", "evidence")
_CONNECTIVE = re.compile(
    r"^(?:however|additionally|moreover|furthermore|therefore|thus|also|for example|for instance|"
    r"in addition|as such|on the other hand),\s+",
    re.I,
)
# "A study published in the Journal of X found": the journal's name is no part of the fact.
_JOURNAL = re.compile(r"\s+published in (?:the )?(?:[A-Z][\w-]*\s*(?:of\s+|and\s+|&\s+)?)+(?=\s|,)")
# "While kratom's mechanism is not fully understood, it is ...": the concession adds nothing to test.
_CONCESSION = re.compile(
    r"^(?:while|although|though) (kratom|mitragynine)\b[^,]*(?:not fully understood|unclear|limited)"
    r"[^,]*,\s+it\b",
    re.I,
)


# "nausea, _____", "abuse and _____", "such as _____": the blank is one of several coordinated terms.
_LIST_BEFORE = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\b(?:and|or|such as|including|like)\s+)$", re.I)
# ", drowsiness, and", ", and", " or": another member follows; ", though the evidence is thin" is no list.
_LIST_AFTER = re.compile(
    r"\s*(?:,?\s*(?:and|or)\b|,\s*[\w-]+(?:\s+[\w-]+){0,2}\s*(?:,|\band\b|\bor\b))", re.I
)


def digest(*parts: str) -> str:
    """A stable hex digest of text parts (ids, orders and choices depend on text, not on position)."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def ordered(sc: SentenceCards, names: list[str], salt: str) -> list[str]:
    """Options in an order fixed by the sentence (the app and the export shuffle them again)."""
    return sorted(names, key=lambda n: digest(sc.original, salt, n))


def tidy(sentence: str) -> str:
    """The sentence as a card states it: no leading connective, concession or journal name."""
    text = _CONNECTIVE.sub("", sentence)
    text = _CONCESSION.sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:], text)
    text = _JOURNAL.sub("", text)
    return text[:1].upper() + text[1:]


# Letters two words must share to sound alike ("mitragynine" and "Mitragyna" share "mitrag").
ECHO_CHARS = 6
# Words that cue nothing when an option shares them with the stem: the subject every card carries, and
# short function words.
_COMMON = frozenset(
    [
        "kratom", "kratoms", "with", "that", "this", "from", "they", "them", "their", "have", "been", "what",
        "which", "does", "more", "less", "than", "into", "only", "also", "some", "kind", "show", "shows",
        "when", "were", "will", "would", "about",
    ]
)  # fmt: skip


def _grams(text: str) -> set[str]:
    """An option's word-parts: every six letters of a long word, a short word ("rats") whole."""
    words = [w for w in re.findall(r"[a-z]+", text.casefold()) if w not in _COMMON and len(w) >= 4]
    return {w[i : i + ECHO_CHARS] for w in words for i in range(max(1, len(w) - ECHO_CHARS + 1))}


def given_away(answers: Iterable[str], wrong: Iterable[str], cues: Iterable[str]) -> bool:
    """True when the right options can be picked without the knowledge: each echoes the stem or kratom's
    own names ("mitragynine" beside the genus Mitragyna; "in rats" beside "an effect in animals") while no
    wrong option does, or the right options share a word-part no wrong option has."""
    right = [_grams(a) for a in answers]
    others = set().union(*(_grams(w) for w in wrong))
    cue = set().union(*(_grams(c) for c in cues))
    if right and all(r & cue for r in right) and not others & cue:
        return True
    shared = set.intersection(*right) if len(right) > 1 else set()
    return bool(shared - others)


def inflections(form: str) -> list[str]:
    """The obvious other forms a learner types for a term: "constipated" for "constipation", "drowsy" for
    "drowsiness", the singular or plural. Only the last word changes ("dry mouth", "liver injuries")."""
    head, _, last = form.rpartition(" ")
    if not last.isalpha() or not last.islower():
        return []  # an acronym or a name with digits (FDA, 5-HT) has no inflections
    out = []
    if last.endswith("ation"):
        out.append(last[:-3] + "ed")  # a state's name: no plural a learner would type
    elif last.endswith("iness"):
        out.append(last[:-5] + "y")
    elif last.endswith("ea"):
        out.append(last + "ted")  # nausea, nauseated
    elif last.endswith("ies"):
        out.append(last[:-3] + "y")
    elif last.endswith("s") and not last.endswith("ss"):
        out.append(last[:-1])
    else:
        out.append(last[:-1] + "ies" if re.search(r"[^aeiou]y$", last) else last + "s")
    return [f"{head} {w}" if head else w for w in out]


def gist(sentence: str) -> str:
    """The sentence shortened at a word boundary, for a quotation."""
    if len(sentence) > GIST_CHARS:
        sentence = sentence[:GIST_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "..."
    return sentence


def replace_matches(sentence: str, matches: Iterable[Match], repl: Callable[[Match], str]) -> str:
    """The sentence with each match replaced."""
    out: list[str] = []
    pos = 0
    for m in matches:
        out.extend((sentence[pos : m.start], repl(m)))
        pos = m.end
    out.append(sentence[pos:])
    return "".join(out)


class SentenceCards:
    """What the cards of one sentence share: source, topic, evidence, key term and explanation."""

    def __init__(
        self,
        source: SourceDoc,
        heading: str,
        original: str,
        sentence: str,
        glossary: Glossary,
        context: str = "",
    ) -> None:
        self.source, self.heading, self.glossary = source, heading, glossary
        self.context = context  # the sentence before, for what "even more potent" is compared with
        self.asks: frozenset[str] | None = None  # what the card asks, when not its key and answers
        self.note = ""  # a frame's own evidence note, when the level's usual one does not fit
        # The quotation is the article's own sentence; the card works on a tidied copy.
        self.original, self.sentence = original, tidy(sentence)
        self.matches = glossary.find(self.sentence)
        order = {c: i for i, c in enumerate(CATEGORY_PRIORITY)}
        # Other plants' terms (morphine "as with opioids like morphine") are never the point of a card.
        candidates = [m for m in self.matches if m.term.kratom is not False] or self.matches
        # In a list, the term with a clue can be blanked without ambiguity: it goes first.
        first = min(
            candidates,
            key=lambda m: (order.get(m.term.category, len(order)), not m.term.clue, m.start),
            default=None,
        )
        self.key: Term = first.term if first else STUDY
        self.key_matches = [m for m in self.matches if m.term == self.key]
        self.evidence, self.cue = evidence_cue(self.sentence, self.matches)
        self.lead = ""  # what a frame adds before the quotation ("False: ...")
        self.types: tuple[str, ...] = ("cloze", "typed", "mcq", "multi", "truefalse")  # the kinds wanted

    def cues(self, prompt: str) -> list[str]:
        """What a learner sees besides the options: the prompt, and kratom's botanical names."""
        return [prompt, *(t.name for t in self.glossary.in_category("species") if t.kratom is True)]

    def focus(self, term: Term) -> None:
        """Make ``term`` the card's key: its topic, its id and the term its explanation teaches."""
        self.key = term
        self.key_matches = [m for m in self.matches if m.term == term]

    def named(self, category: str) -> list[Term]:
        """The distinct terms of one category the sentence names, in order."""
        return list(dict.fromkeys(m.term for m in self.matches if m.term.category == category))

    def card(self, kind: str, variant: str = "", **fields: Any) -> dict[str, Any]:
        """A card of this sentence with the shared fields filled in."""
        ident = digest(self.original, self.key.name, kind + variant)[:ID_HASH_CHARS]
        card: dict[str, Any] = {"id": f"draft-{self.source.id}-{ident}", "type": kind, **fields}
        card.setdefault("explanation", self.explanation())
        card["topic"] = self.key.category
        card["evidence"] = self.evidence.value
        card["source"] = {"doc": self.source.id, "section": self.heading}
        card["tags"] = ["draft", *([variant] if variant else [])]
        return card

    def evidence_note(self) -> str:
        """What the card's evidence level shows and does not show."""
        if self.note:
            return self.note
        if self.evidence is Evidence.PRECLINICAL and not self.cue:
            return MECHANISM_NOTE
        if self.evidence is Evidence.OBSERVATIONAL and not self.cue:
            return HARM_NOTE
        return EVIDENCE_NOTES[self.evidence]

    def explanation(
        self, lead: str = "", terms: Iterable[Term] = (), teach: bool = True, matters: str = ""
    ) -> str:
        """Why the key is right: the frame's lead, the article's words, what the terms mean, the evidence.

        ``teach`` False leaves out what the terms mean, for a card whose point is the evidence itself;
        ``matters`` is the template's own general line on why its point matters, taught first.
        """
        said = f'The article says: "{gist(self.original)}" (section "{self.heading}").'
        whys = [t.why for t in dict.fromkeys([*terms, self.key]) if t.why and teach][: 2 - bool(matters)]
        whys = [matters, *whys] if matters else whys
        beyond = f"Beyond the article: {' '.join(whys)}" if whys else ""
        return " ".join(p for p in (lead or self.lead, said, beyond, self.evidence_note()) if p)

    def _blank_target(self) -> Match | None:
        """The one key occurrence to blank, or None when the blank would be ambiguous or trivial.

        In a list ("nausea, constipation and dry mouth") another member would fit a bare blank as well;
        a term's clue ("the effect of opioids slowing the bowel") singles it out. A term whose own words stay
        in the sentence ("mu receptors ... mu-opioid") is given away.
        """
        peers = self.named(self.key.category)
        if not self.key_matches or (len(peers) > 1 and not self.key.clue):
            return None
        if self.key.category == "agencies":
            return None  # several agencies warn about the same things: the agency frame asks when one fits
        target = self.key_matches[0]
        # A blank in a list or after "such as" has an open set of right answers (any other adverse
        # effect fits "abuse, _____, and serious side effects") unless the clue closes it.
        before, after = self.sentence[: target.start], self.sentence[target.end :]
        if not self.key.clue and (_LIST_BEFORE.search(before) or _LIST_AFTER.match(after)):
            return None
        rest = self.sentence[: target.start] + self.sentence[target.end :]
        if any(f.casefold() in rest.casefold() for f in self.key.forms if len(f) > 3 or f.isupper()):
            return None
        return target

    def cloze(self) -> dict[str, Any] | None:
        """The sentence with its key term as the one deletion, hinted by clue or kind."""
        target = self._blank_target()
        if target is None:
            return None
        hint = self.key.clue or self.glossary.hint(self.key.category)
        prompt = replace_matches(self.sentence, [target], lambda m: f"{{{{c1::{m.text}::{hint}}}}}")
        return self.card("cloze", prompt=self.frame_prompt(prompt))

    def typed(self) -> dict[str, Any] | None:
        """The sentence with its key term blanked, to be typed."""
        target = self._blank_target()
        if target is None:
            return None
        answer = target.text
        forms = [g for f in self.key.forms for g in (f, *inflections(f))]
        accept = [f for f in dict.fromkeys(forms) if f.casefold() != answer.casefold()]
        hint = self.key.clue or f"the missing {self.glossary.hint(self.key.category)}"
        blanked = replace_matches(self.sentence, [target], lambda _: BLANK)
        fields: dict[str, Any] = {"prompt": f"{self.frame_prompt(blanked)} Type {hint}.", "answer": answer}
        if accept:
            fields["accept"] = accept
        return self.card("typed", **fields)

    def frame_prompt(self, text: str) -> str:
        """A statement as a prompt: what the article asserts without evidence is marked as its account."""
        if self.evidence is Evidence.CLAIM:
            first = text[:1].lower() if text[1:2].islower() else text[:1]
            return f"In the article's account, {first}{text[1:]}"
        return text
