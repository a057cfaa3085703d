"""Which drafts reach the deck: one card a sentence, no near-duplicates, no card showing another's answer,
true and false statements balanced, and cards that name each other's answers marked as related."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kratom_quiz.generate.glossary import Glossary, default_glossary
from kratom_quiz.generate.naming_frames import OTHER_FORM

Candidate = tuple[float, dict[str, Any], frozenset[str]]
"""A card a sentence may make, its teaching score and the terms it asks about."""


Draft = tuple[float, str, list[Candidate]]
"""A sentence's rank (its first card's score), the sentence, and the cards it may make."""


PER_FRAME = 2
"""Cards one template may give a deck: a third card of the same shape teaches the shape, not the facts."""
FRAME = "_frame"
"""Key of the template a draft came from (absent on plain cloze and typed cards); never written."""


NEAR_DUPLICATE = 0.5
"""Share of words two drafts' sentences may have in common (Jaccard) before the lower-ranked one goes."""
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _similarity(a: set[str], b: set[str]) -> float:
    """The share of words two sentences have in common (Jaccard)."""
    return len(a & b) / max(1, len(a | b))


def _distinct(ranked: Sequence[Draft], min_score: float) -> list[tuple[dict[str, Any], str]]:
    """One card a sentence, without near-duplicates: articles repeat a fact, a learner needs it once.

    A card is a duplicate of a better-ranked one when it asks about one of the same terms on the same
    topic (two cards whose answer is mitragynine hand each other the answer), or when its sentence
    shares half its words with one on the same topic; then the sentence's next card that teaches enough
    stands in, if any.
    """
    kept: list[tuple[dict[str, Any], str, set[str], frozenset[str]]] = []
    per_frame: dict[str, int] = {}
    for _, sentence, candidates in ranked:
        words = set(_TOKEN.findall(sentence.casefold()))
        for score, card, asks in candidates:
            frame = card.get(FRAME)
            if frame is not None and per_frame.get(frame, 0) >= PER_FRAME:
                continue  # the best-ranked two of a template are kept
            if score < min_score or any(
                (
                    other["topic"] == card["topic"]
                    and (asks & other_asks or _similarity(words, seen) >= NEAR_DUPLICATE)
                )
                or _hands_away(card, other)
                or _hands_away(other, card)
                for other, _, seen, other_asks in kept
            ):
                continue
            kept.append((card, sentence, words, asks))
            if frame is not None:
                per_frame[frame] = per_frame.get(frame, 0) + 1
            break
    return [(card, sentence) for card, sentence, _, _ in kept]


def _hands_away(card: dict[str, Any], other: dict[str, Any]) -> bool:
    """True when the prompt of ``other`` shows the answer ``card`` asks for (typed, cloze or mcq)."""
    if card["type"] in ("typed", "mcq"):
        answers = [card["answer"], *card.get("accept", [])]
    elif card["type"] == "cloze":
        answers = re.findall(r"\{\{c\d+::([^:}]+)", card["prompt"])
    else:
        return False
    shown = re.sub(r"\{\{c\d+::([^:}]+)(?:::[^}]*)?\}\}", "", other["prompt"]).casefold()
    return any(re.search(rf"(?<![\w-]){re.escape(a.casefold())}(?![\w-])", shown) for a in answers)


def select(
    ranked: Sequence[Draft], min_score: float, glossary: Glossary | None = None
) -> list[tuple[dict[str, Any], str]]:
    """The drafts a deck keeps, best first, each with its source sentence, ready to write."""
    drafts = _balanced(_distinct(ranked, min_score))
    cards = [card for card, _ in drafts]
    _unteach_others(cards, glossary or default_glossary())
    _relate(cards)
    return [(written(card), sentence) for card, sentence in drafts]


def _names_any(text: str, answers: Sequence[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<![\w-]){re.escape(a.casefold())}(?![\w-])", folded) for a in answers)


_BEYOND = re.compile(r"Beyond the article: (?P<lines>.*?) (?=Evidence: )")
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z0-9])")


def _unteach_others(cards: list[dict[str, Any]], glossary: Glossary) -> None:
    """Keep each card's own teaching lines (rationales, "Beyond the article") from naming another card's
    answer: the answer gives way to the broader term ("mu-opioid receptors" to "opioid receptors") or the
    line goes (caffeine's rationale naming Rubiaceae would answer the plant-family card).

    A card's own options are no one else's secret: an evidence card's rationale may say what
    "observational" means though another card's answer is "Observational"."""
    terms = {t.name.casefold(): t for t in glossary.terms}
    for card in cards:
        own = {str(c).casefold() for c in card.get("choices", [])}
        # Another card's answer in any of its glossary spellings ("MOR" for the mu-opioid receptor).
        general: dict[str, str] = {}
        others: list[str] = []
        for other in cards:
            for answer in _answers(other, accepted=False) if other is not card else ():
                term = terms.get(answer.casefold())
                for form in term.forms if term else (answer,):
                    if form.casefold() not in own:
                        others.append(form)
                        if term and term.broader:
                            general[form] = term.broader
        if not others:
            continue
        rationale = card.get("rationale")
        if rationale:
            told = {k: _generalised(v, others, general) for k, v in rationale.items()}
            card["rationale"] = {k: v for k, v in told.items() if v is not None}
            if not card["rationale"]:
                del card["rationale"]

        def keep_lines(
            m: re.Match[str], others: list[str] = others, general: dict[str, str] = general
        ) -> str:
            told = [_generalised(ln, others, general) for ln in _SENTENCE_END.split(m.group("lines"))]
            lines = [ln for ln in told if ln is not None]
            return f"Beyond the article: {' '.join(lines)} " if lines else ""

        card["explanation"] = _BEYOND.sub(keep_lines, card["explanation"])


def _generalised(line: str, answers: Sequence[str], general: dict[str, str]) -> str | None:
    """The line with each of ``answers`` it names replaced by its broader term, or None when one has none."""
    for answer in answers:
        pattern = re.compile(rf"(?<![\w-]){re.escape(answer)}(?P<s>s?)(?![\w-])", re.I)
        if not pattern.search(line):
            continue
        if answer not in general:
            return None
        line = pattern.sub(f"{general[answer]}\\g<s>", line)
    return line


def _answers(card: dict[str, Any], accepted: bool = True) -> list[str]:
    """What a card asks the learner to produce or pick: its answers, accepted forms or cloze deletions."""
    if card["type"] == "cloze":
        return re.findall(r"\{\{c\d+::([^:}]+)", card["prompt"])
    if card["type"] == "truefalse":
        return []
    answers = card.get("answers", [card.get("answer")])
    return [str(a) for a in (*answers, *(card.get("accept", []) if accepted else ()))]


def _relate(cards: list[dict[str, Any]]) -> None:
    """Mark as ``related`` the cards whose text (prompt, options, explanation, rationales) shows another's
    answer, so that the app never shows them back to back (mitragynine named in one card's statement or
    quotation, asked for in another's options)."""
    for card in cards:
        wanted = [a.casefold() for a in _answers(card)]
        for other in cards:
            if other is card or not wanted:
                continue
            # The closing evidence note ("Evidence: preclinical.") names a level, not another card's answer.
            explained = other["explanation"].split(" Evidence: ")[0]
            texts = [other["prompt"], *other.get("choices", []), explained]
            shown = " ".join([*texts, *other.get("rationale", {}).values()]).casefold()
            if any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", shown) for a in wanted):
                for a, b in ((card, other), (other, card)):
                    a.setdefault("related", [])
                    if b["id"] not in a["related"]:
                        a["related"].append(b["id"])
    for card in cards:
        if "related" in card:
            card["related"].sort()


def _balanced(drafts: list[tuple[dict[str, Any], str]]) -> list[tuple[dict[str, Any], str]]:
    """The drafts with true/false statements about half true: the lowest-ranked of the larger side take
    their other form while that brings the two sides closer (ITEM-WRITING: 40 to 60 percent true)."""
    out = list(drafts)
    while True:
        statements = [i for i, (c, _) in enumerate(out) if c["type"] == "truefalse"]
        true = sum(out[i][0]["answer"] is True for i in statements)
        larger = true > len(statements) - true
        if abs(2 * true - len(statements)) <= 1:
            return out
        flippable = [i for i in statements if out[i][0]["answer"] is larger and OTHER_FORM in out[i][0]]
        if not flippable:
            return out
        i = flippable[-1]
        out[i] = (out[i][0][OTHER_FORM], out[i][1])  # the other form carries no other form: flipped once


def written(card: dict[str, Any]) -> dict[str, Any]:
    """The card as written to a deck, without the private keys of its other form and its template."""
    return {k: v for k, v in card.items() if k not in (OTHER_FORM, FRAME)}
