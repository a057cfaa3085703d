"""Cards as Anki notes: note types, stable ids, HTML fields and tags, shared by the .apkg and text exports."""

from __future__ import annotations

import hashlib
import html
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kratom_quiz.domain import cloze
from kratom_quiz.domain.citation import cite
from kratom_quiz.domain.model import Card, CardKind, Deck

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while notes are built; raise from it to cancel the export."""

DECK_PREFIX = "Kratom Quiz"
COMMON_FIELDS = ("Explanation", "Source", "Evidence", "Topic")
QUESTION_FIELDS = ("Question", "Options", "Answer", "Rationale", *COMMON_FIELDS)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TRUE_FALSE = ("True", "False")


@dataclass(frozen=True, slots=True)
class NoteType:
    """An Anki note type. ``id`` and ``name`` are fixed forever: Anki matches notes to them on import."""

    id: int
    name: str
    fields: tuple[str, ...]
    label: str  # shown above the prompt, so the learner knows how to answer


# The ids are random constants chosen once; changing one makes Anki treat every note as a new note type.
NOTE_TYPES: dict[CardKind, NoteType] = {
    CardKind.BASIC: NoteType(1963217647, "Kratom Quiz Basic", ("Front", "Back", *COMMON_FIELDS), "Recall"),
    CardKind.CLOZE: NoteType(1686815622, "Kratom Quiz Cloze", ("Text", *COMMON_FIELDS), "Fill in the blank"),
    CardKind.MCQ: NoteType(1134822001, "Kratom Quiz Multiple choice", QUESTION_FIELDS, "Choose one"),
    CardKind.MULTI: NoteType(
        1344633925, "Kratom Quiz Multiple answer", QUESTION_FIELDS, "Choose all that apply"
    ),
    CardKind.TRUEFALSE: NoteType(1615871331, "Kratom Quiz True or false", QUESTION_FIELDS, "True or false?"),
    CardKind.TYPED: NoteType(1754074824, "Kratom Quiz Typed answer", QUESTION_FIELDS, "Type the answer"),
}
MAX_FIELDS = max(len(t.fields) for t in NOTE_TYPES.values())


@dataclass(frozen=True, slots=True)
class ExportNote:
    """One card as an Anki note: every field is HTML ready to store."""

    kind: CardKind
    guid: str
    deck_name: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    cards: int

    @property
    def note_type(self) -> NoteType:
        """The note type this note belongs to."""
        return NOTE_TYPES[self.kind]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    decks: int
    notes: int
    cards: int
    notes_by_kind: dict[CardKind, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the user, e.g. 'exported 2 deck(s): 30 notes, 34 cards to kq.apkg'."""
        return f"exported {self.decks} deck(s): {self.notes} notes, {self.cards} cards to {self.path}"


def note_guid(deck_id: str, card_id: str) -> str:
    """The note's Anki GUID: derived from the deck and card ids only, so edits update the same note.

    Hex digits with a prefix rather than genanki's base-91 ``guid_for``: the GUID also goes into the
    text export, where base-91 characters (``#``, ``"``, ``=``, ``<``) would read as a comment line,
    a CSV quote, a spreadsheet formula or HTML.
    """
    digest = hashlib.sha256(f"kratom-quiz\x1f{deck_id}\x1f{card_id}".encode()).hexdigest()
    return f"kq{digest[:20]}"


def anki_deck_id(deck_id: str) -> int:
    """A stable Anki deck id for a deck id, in the range genanki recommends (2**30 to 2**31)."""
    digest = hashlib.sha256(f"kratom-quiz deck\x1f{deck_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def anki_deck_name(deck: Deck) -> str:
    """``Kratom Quiz::<title>``; a '::' inside the title would make an unintended subdeck."""
    title = " ".join(deck.title.split()).replace("::", ":")
    return f"{DECK_PREFIX}::{title}"


def to_html(text: str) -> str:
    """Plain text as HTML: special characters escaped, line breaks as <br>."""
    escaped = html.escape(text.strip(), quote=True)
    return escaped.replace("\r\n", "\n").replace("\n", "<br>").replace("\t", " ")


def cloze_html(text: str) -> str:
    """Cloze text as HTML; escaping leaves ``{{c1::...::...}}`` intact, so Anki still finds the deletions."""
    return to_html(text)


def _tag(text: str) -> str:
    return "_".join(text.split())


def note_tags(card: Card) -> tuple[str, ...]:
    """``topic::<topic>``, ``evidence::<level>`` and the card's own tags, without whitespace."""
    tags = [f"topic::{_tag(card.topic)}", f"evidence::{card.evidence.value}"]
    tags.extend(_tag(t) for t in card.tags if t.strip())
    return tuple(dict.fromkeys(tags))


def _source(deck: Deck, card: Card) -> str:
    return to_html(cite(deck, card.source))


def _option(i: int, choice: str) -> str:
    return f"<b>{LETTERS[i]}.</b> {to_html(choice)}"


def option_order(card: Card, guid: str) -> tuple[str, ...]:
    """The card's choices in the order the export shows them: shuffled once, the same in every export.

    Deck files list the key first more often than chance would; Anki shows options as written, so the
    order is drawn from the note's GUID. For a single-answer card the key's letter is drawn first, from
    the GUID's digest, so that across a deck the key sits at each letter about equally often.
    """
    rng = random.Random(guid)
    others = list(card.choices)
    rng.shuffle(others)
    if card.kind is not CardKind.MCQ or len(card.answers) != 1:
        return tuple(others)
    key = card.answers[0]
    others.remove(key)
    slot = int(hashlib.sha256(guid.encode()).hexdigest(), 16) % len(card.choices)
    others.insert(slot, key)
    return tuple(others)


def _choice_fields(card: Card, guid: str) -> tuple[str, str, str]:
    """Options, answer and rationale of an mcq or multi card, in the export's order."""
    order = option_order(card, guid)
    options = "".join(f'<div class="kq-option">{_option(i, c)}</div>' for i, c in enumerate(order))
    answer = "<br>".join(_option(i, c) for i, c in enumerate(order) if c in card.answers)
    rationale = "".join(
        f'<div class="kq-why">{_option(i, c)}: {to_html(note)}</div>'
        for i, c in enumerate(order)
        if (note := card.rationale_for(c))
    )
    return options, answer, rationale


def _question_fields(card: Card, guid: str) -> tuple[str, str, str]:
    """Options, answer and rationale for the question note types.

    A typed card's Answer holds the answer alone, because Anki's type-in comparison checks what was typed
    against the whole field; the other accepted answers go in the Rationale field, shown on the back.
    """
    if card.kind in (CardKind.MCQ, CardKind.MULTI):
        return _choice_fields(card, guid)
    if card.kind is CardKind.TRUEFALSE:
        options = "".join(f'<div class="kq-option">{_option(i, c)}</div>' for i, c in enumerate(TRUE_FALSE))
        return options, _option(0, "True") if card.truth else _option(1, "False"), ""
    answer, *accepted = card.answers
    also = f'<div class="kq-also">Also accepted: {to_html(", ".join(accepted))}</div>' if accepted else ""
    return "", to_html(answer), also


def note_fields(deck: Deck, card: Card, guid: str) -> tuple[str, ...]:
    """The note's fields, in the order of its note type's fields."""
    common = (
        to_html(card.explanation),
        _source(deck, card),
        to_html(card.evidence.label),
        to_html(card.topic),
    )
    if card.kind is CardKind.BASIC:
        return (to_html(card.prompt), to_html(card.back), *common)
    if card.kind is CardKind.CLOZE:
        return (cloze_html(card.prompt), *common)
    return (to_html(card.prompt), *_question_fields(card, guid), *common)


def to_note(deck: Deck, card: Card) -> ExportNote:
    """One card as an Anki note."""
    guid = note_guid(deck.id, card.id)
    return ExportNote(
        kind=card.kind,
        guid=guid,
        deck_name=anki_deck_name(deck),
        fields=note_fields(deck, card, guid),
        tags=note_tags(card),
        cards=len(cloze.ordinals(card.prompt)) if card.kind is CardKind.CLOZE else 1,
    )


def build_notes(decks: Iterable[Deck], progress: Progress | None = None) -> Iterator[tuple[Deck, ExportNote]]:
    """Every card of ``decks`` as a note, reporting progress about a hundred times in all."""
    decks = list(decks)
    total = sum(len(d.cards) for d in decks)
    step = max(1, total // 100)
    done = 0
    if progress:
        progress(0, total)
    for deck in decks:
        for card in deck.cards:
            yield deck, to_note(deck, card)
            done += 1
            if progress and (done % step == 0 or done == total):
                progress(done, total)


def report(path: Path, decks: Iterable[Deck], notes: Iterable[ExportNote]) -> ExportReport:
    """Count what was exported."""
    by_kind: dict[CardKind, int] = {}
    cards = 0
    for note in notes:
        by_kind[note.kind] = by_kind.get(note.kind, 0) + 1
        cards += note.cards
    return ExportReport(path, len(list(decks)), sum(by_kind.values()), cards, by_kind)
