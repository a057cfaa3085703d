"""The bundled decks: valid, large and varied enough, sourced, honest about evidence, and free of doses."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from kratom_quiz.deckfile import load_decks
from kratom_quiz.domain.lookalikes import TABLE as LOOKALIKE_TABLE
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence
from kratom_quiz.generate.sources_check import SourcesChecker

# The same folders as DECKS and SHARED_SOURCES in tests/conftest.py. Under pytest that file imports only as
# "tests.conftest", while mypy (no tests/__init__.py) knows it as "conftest": no import satisfies both.
REPO = Path(__file__).resolve().parents[2]
DECKS = REPO / "decks"
SHARED_SOURCES = REPO.parent / "shared" / "sources"

MIN_CARDS = 150
MIN_PER_TOPIC = 8
MIN_EXPLANATION = 80
DECK_PREFIX = {
    "pharmacology": "pharm-",
    "risk-awareness": "risk-",
    "critical-reading": "read-",
    "risk-evidence": "evid-",
}

# A number (or a range such as "2-5" or "2 to 5") followed by a unit of amount: the decks teach, never dose.
DOSE = re.compile(
    r"\d+(?:[.,]\d+)?(?:\s*(?:-|\u2013|\u2014|to)\s*\d+(?:[.,]\d+)?)?\s*"
    r"(?:mg|g|grams?|gr|teaspoons?|tsps?|tablespoons?|tbsps?|kg|mcg|\u00b5g|\u03bcg|ug|ml|millilit(?:er|re)s?"
    r"|milligrams?|micrograms?|kilograms?|capsules?|caps|pills?|tablets?|scoops?|spoons?|spoonfuls?)\b",
    re.IGNORECASE,
)
# Cyrillic (U+0400-U+052F, U+1C80-U+1C8F, U+2DE0-U+2DFF, U+A640-U+A69F) and Greek (U+0370-U+03FF,
# U+1F00-U+1FFF) letters look like Latin ones and break search, typed answers and the verbatim check.
LOOKALIKE = re.compile("[\u0370-\u03ff\u0400-\u052f\u1c80-\u1c8f\u1f00-\u1fff\u2de0-\u2dff\ua640-\ua69f]")
# Look-alike letters the source pages contain, folded to Latin before comparing words (the app's one table).
FOLD = LOOKALIKE_TABLE
COPIED_RUN = 8


def deck_files() -> list[Path]:
    return sorted(DECKS.glob("*.yaml"))


@pytest.fixture(scope="module")
def decks() -> list[Deck]:
    result = load_decks([DECKS])
    assert result.ok, "\n".join(result.errors)
    return result.decks


def all_cards(decks: list[Deck]) -> list[Card]:
    return [card for deck in decks for card in deck.cards]


def test_bundled_decks_are_valid_and_have_the_four_decks(decks: list[Deck]) -> None:
    assert {d.id for d in decks} == set(DECK_PREFIX)


def test_there_are_enough_cards(decks: list[Deck]) -> None:
    assert len(all_cards(decks)) >= MIN_CARDS


def test_every_deck_uses_every_card_type(decks: list[Deck]) -> None:
    for deck in decks:
        missing = set(CardKind) - {c.kind for c in deck.cards}
        assert not missing, f"{deck.id} has no {sorted(missing)} card"


def test_every_topic_has_enough_cards(decks: list[Deck]) -> None:
    for deck in decks:
        counts = Counter(c.topic for c in deck.cards)
        thin = {topic: n for topic, n in counts.items() if n < MIN_PER_TOPIC}
        assert not thin, f"{deck.id}: topics with fewer than {MIN_PER_TOPIC} cards: {thin}"


def test_card_ids_carry_their_deck_prefix(decks: list[Deck]) -> None:
    for deck in decks:
        wrong = [c.id for c in deck.cards if not c.id.startswith(DECK_PREFIX[deck.id])]
        assert not wrong, f"{deck.id}: ids without '{DECK_PREFIX[deck.id]}': {wrong}"


def test_card_ids_are_unique_across_decks(decks: list[Deck]) -> None:
    counts = Counter(c.id for c in all_cards(decks))
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_card_cites_a_declared_source_and_explains_why(decks: list[Deck]) -> None:
    for deck in decks:
        for card in deck.cards:
            source = deck.source(card.source.doc)
            assert source is not None, f"{card.id}: undeclared doc {card.source.doc}"
            # A reference may be cited as a whole; a local document is cited by section.
            assert source.is_reference or card.source.section.strip(), f"{card.id}: no section"
            assert isinstance(card.evidence, Evidence)
            assert len(card.explanation.strip()) >= MIN_EXPLANATION, f"{card.id}: explanation too short"


def test_claim_cards_say_how_strong_the_evidence_is(decks: list[Deck]) -> None:
    silent = [
        card.id
        for card in all_cards(decks)
        if card.evidence is Evidence.CLAIM
        and not any(word in card.explanation.casefold() for word in ("claim", "evidence"))
    ]
    assert not silent, f"claim cards whose explanation omits the evidence status: {silent}"


@pytest.mark.parametrize("path", deck_files(), ids=lambda p: p.name)
def test_no_dose_like_amounts(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [
        f"{path.name}:{n}: {m.group(0)!r}" for n, line in enumerate(lines, 1) if (m := DOSE.search(line))
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "text",
    ["take 2-5 grams", "3 g", "1.5mg", "two 500 mg capsules", "4 capsules", "1 tsp", "2 to 3 teaspoons"],
)
def test_the_dose_pattern_catches_amounts(text: str) -> None:
    assert DOSE.search(text)


@pytest.mark.parametrize("text", ["7-hydroxymitragynine", "more than 3 months", "{{c1::mu}}", "version: 2"])
def test_the_dose_pattern_leaves_ordinary_text_alone(text: str) -> None:
    assert not DOSE.search(text)


@pytest.mark.parametrize("path", deck_files(), ids=lambda p: p.name)
def test_no_look_alike_letters(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [
        f"{path.name}:{n}: U+{ord(m.group(0)):04X} {unicodedata.name(m.group(0), '?')}"
        for n, line in enumerate(lines, 1)
        if (m := LOOKALIKE.search(line))
    ]
    assert not found, "\n".join(found)


def test_choices_are_distinct_and_the_answers_are_among_them(decks: list[Deck]) -> None:
    for card in all_cards(decks):
        if card.kind not in (CardKind.MCQ, CardKind.MULTI):
            continue
        folded = [" ".join(c.casefold().split()) for c in card.choices]
        assert len(set(folded)) == len(folded), f"{card.id}: repeated choice {card.choices}"
        for answer in card.answers:
            assert folded.count(" ".join(answer.casefold().split())) == 1, f"{card.id}: answer {answer!r}"
        distractors = len(card.choices) - len(card.answers)
        assert distractors >= 1, f"{card.id}: no wrong choice to tell apart"


def test_typed_answers_are_short(decks: list[Deck]) -> None:
    for card in all_cards(decks):
        if card.kind is CardKind.TYPED:
            answer, *accepted = card.answers
            assert len(answer.split()) <= 4, f"{card.id}: typed answer too long to type"
            assert all(len(a.split()) <= 6 for a in accepted), f"{card.id}: accepted answer too long"


needs_sources = pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="shared source documents not present")


def source_lines(file: str) -> set[str]:
    text = (SHARED_SOURCES / file).read_text(encoding="utf-8")
    return {line.strip() for line in text.splitlines() if line.strip()}


def test_the_risk_evidence_deck_cites_a_published_reference_on_every_card(decks: list[Deck]) -> None:
    # Issue 11: at least 40 referenced risk cards, at least 12 of them scenarios (tagged "scenario").
    deck = next(d for d in decks if d.id == "risk-evidence")
    assert len(deck.cards) >= 40
    assert sum("scenario" in card.tags for card in deck.cards) >= 12
    for card in deck.cards:
        source = deck.source(card.source.doc)
        assert source is not None and source.is_reference, f"{card.id}: cites no published reference"
        assert source.authors or source.publisher, f"{source.id}: no authors or publisher"
        assert source.doi or source.url, f"{source.id}: no doi or url"
    assert Evidence.CLAIM not in {card.evidence for card in deck.cards}, "documented harms are not claims"


@needs_sources
def test_declared_sources_exist_and_match_their_hash(decks: list[Deck]) -> None:
    for deck in decks:
        for source in (s for s in deck.sources if not s.is_reference):
            path = SHARED_SOURCES / source.file
            assert path.is_file(), f"{deck.id}: {source.file} not found"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == source.sha256, f"{source.file} changed"


@needs_sources
def test_every_cited_section_is_a_line_of_its_document(decks: list[Deck]) -> None:
    for deck in decks:
        lines = {s.id: source_lines(s.file) for s in deck.sources if not s.is_reference}
        for card in deck.cards:
            if card.source.doc not in lines:
                continue  # a reference: its text is not here
            assert card.source.section in lines[card.source.doc], (
                f"{card.id}: '{card.source.section}' is not a line of {card.source.doc}"
            )


@needs_sources
def test_the_sources_check_command_accepts_every_citation(decks: list[Deck]) -> None:
    # Stricter than a line match: `kratom-quiz sources check` ignores page chrome such as a comment form.
    checker = SourcesChecker(SHARED_SOURCES)
    problems = [line for deck in decks for line in checker.check(deck)]
    assert not problems, "\n".join(problems)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(FOLD).casefold()
    return re.findall(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*", text)


def card_text(card: Card) -> list[str]:
    return [card.prompt, card.explanation, card.back, *card.choices, *(r for _, r in card.rationale)]


@needs_sources
def test_cards_are_written_in_our_own_words(decks: list[Deck]) -> None:
    # Unlike a line-by-line check, this also sees runs that a folded YAML string splits over lines.
    copied: set[tuple[str, ...]] = set()
    for src in SHARED_SOURCES.glob("*.txt"):
        w = words(src.read_text(encoding="utf-8"))
        copied.update(tuple(w[i : i + COPIED_RUN]) for i in range(len(w) - COPIED_RUN + 1))
    found = []
    for card in all_cards(decks):
        for text in card_text(card):
            w = words(text)
            runs = [" ".join(w[i : i + COPIED_RUN]) for i in range(len(w) - COPIED_RUN + 1)]
            found += [f"{card.id}: {run}" for run in runs if tuple(run.split()) in copied]
    assert not found, "\n".join(found)


def test_new_learners_start_with_pharmacology_then_risk_then_critical_reading() -> None:
    # New cards are introduced in the order the deck files load: the basics before reading the articles
    # critically, and the referenced risk evidence last.
    assert [d.id for d in load_decks([DECKS]).decks] == [
        "pharmacology",
        "risk-awareness",
        "critical-reading",
        "risk-evidence",
    ]
