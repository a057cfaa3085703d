"""Export decks as an Anki package (.apkg) with genanki."""

from __future__ import annotations

import io
import itertools
import json
import sqlite3
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import genanki

from kratom_quiz.clock import utc_now
from kratom_quiz.domain.model import CardKind, Deck
from kratom_quiz.exporters.atomic import atomic_write
from kratom_quiz.exporters.notes import (
    NOTE_TYPES,
    ExportNote,
    ExportReport,
    Progress,
    anki_deck_id,
    anki_deck_name,
    build_notes,
    report,
    to_html,
)
from kratom_quiz.exporters.stamps import Stamps, digest

# Readable in light and night mode: every colour set here is overridden for night mode, where Anki puts
# 'nightMode' (desktop) or 'night_mode' (AnkiDroid) on the card's body.
CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 20px;
  line-height: 1.45; text-align: left; max-width: 40em; margin: 0 auto; color: #1d1d1f; background: #fff; }
.kq-kind { font-size: 0.7em; text-transform: uppercase; letter-spacing: 0.06em; color: #6b6b73; }
.kq-how { font-size: 0.75em; color: #6b6b73; }
.kq-prompt { margin: 0.4em 0 0.8em; font-weight: 600; }
.kq-option { margin: 0.25em 0; padding: 0.3em 0.6em; border: 1px solid #d0d0d7; border-radius: 6px; }
.kq-answer { margin: 0.6em 0; padding: 0.4em 0.6em; border-left: 4px solid #2e7d32; background: #e8f5e9; }
.kq-also, .kq-why { font-size: 0.85em; margin-top: 0.3em; }
.kq-explanation { margin: 0.8em 0; }
.kq-meta { font-size: 0.75em; color: #6b6b73; border-top: 1px solid #d0d0d7; padding-top: 0.4em; }
.cloze { font-weight: bold; color: #1565c0; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e6e6e6; background: #1e1e1e; }
.nightMode .kq-kind, .night_mode .kq-kind, .nightMode .kq-meta, .night_mode .kq-meta,
.nightMode .kq-how, .night_mode .kq-how { color: #a0a0a8; }
.nightMode .kq-option, .night_mode .kq-option { border-color: #4a4a52; }
.nightMode .kq-answer, .night_mode .kq-answer { background: #1b3a1e; border-left-color: #66bb6a; }
.nightMode .cloze, .night_mode .cloze { color: #90caf9; }
"""

_BACK_COMMON = """
{{#Explanation}}<div class="kq-explanation">{{Explanation}}</div>{{/Explanation}}
<div class="kq-meta">Source: {{Source}}<br>Evidence: {{Evidence}} · Topic: {{Topic}}</div>"""


IN_YOUR_HEAD = "Answer in your head, then show the answer."
"""On the front of cards whose options Anki cannot make clickable: how to use them."""


def _front(label: str, prompt_field: str, *, options: bool) -> str:
    front = (
        f'<div class="kq-kind">{to_html(label)}</div>\n<div class="kq-prompt">{{{{{prompt_field}}}}}</div>'
    )
    if options:
        front += '\n{{#Options}}<div class="kq-options">{{Options}}</div>{{/Options}}'
        front += f'\n<div class="kq-how">{IN_YOUR_HEAD}</div>'
    return front


def _templates(kind: CardKind, label: str) -> tuple[str, str]:
    """The front and back templates of a note type."""
    if kind is CardKind.CLOZE:
        front = _front(label, "cloze:Text", options=False)
        return front, front + _BACK_COMMON
    if kind is CardKind.BASIC:
        front = _front(label, "Front", options=False)
        return front, '{{FrontSide}}\n<hr id="answer">\n<div class="kq-answer">{{Back}}</div>' + _BACK_COMMON
    rationale = '{{#Rationale}}<div class="kq-rationale">{{Rationale}}</div>{{/Rationale}}'
    if kind is CardKind.TYPED:
        # Anki's own type-in box: the back compares what was typed with the Answer field. The back repeats
        # the question rather than {{FrontSide}}, as Anki's stock type-in note type does.
        question = _front(label, "Question", options=False)
        front = question + "\n{{type:Answer}}"
        back = question + '\n<hr id="answer">\n{{type:Answer}}\n' + rationale + _BACK_COMMON
        return front, back
    front = _front(label, "Question", options=True)
    back = '{{FrontSide}}\n<hr id="answer">\n<div class="kq-answer">{{Answer}}</div>\n'
    back += rationale + _BACK_COMMON
    return front, back


class _StampedModel(genanki.Model):  # type: ignore[misc]
    """A note type whose modification time is when its templates last changed, not the export time."""

    mod: int | None = None

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        return super().to_json(timestamp if self.mod is None else self.mod, deck_id)  # type: ignore[no-any-return]


class _StampedNote(genanki.Note):  # type: ignore[misc]
    """A note whose modification time is when its content last changed, not the export time."""

    def __init__(self, *, mod: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mod = mod

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.mod, deck_id, id_gen)


def _model(kind: CardKind) -> _StampedModel:
    spec = NOTE_TYPES[kind]
    front, back = _templates(kind, spec.label)
    model_type = genanki.Model.CLOZE if kind is CardKind.CLOZE else genanki.Model.FRONT_BACK
    return _StampedModel(
        spec.id,
        spec.name,
        fields=[{"name": name} for name in spec.fields],
        templates=[
            {"name": "Card 1" if kind is not CardKind.CLOZE else "Cloze", "qfmt": front, "afmt": back}
        ],
        css=CSS,
        model_type=model_type,
    )


def _model_digest(model: genanki.Model) -> str:
    parts = [model.name, model.css, *(f["name"] for f in model.fields)]
    for template in model.templates:
        parts += [template["qfmt"], template["afmt"]]
    return digest(parts)


def _note_digest(note: ExportNote) -> str:
    return digest([note.kind.value, *note.fields, " ".join(note.tags)])


def _package_bytes(package: genanki.Package, timestamp: float) -> bytes:
    """The .apkg as bytes, built like genanki's ``write_to_file(timestamp=...)``.

    genanki builds the collection in a temporary file in the system temp folder and never deletes it;
    building it in memory leaves nothing behind.
    """
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("collection.anki2", collection)
        zf.writestr("media", json.dumps({}))
    return buffer.getvalue()


def export_apkg(
    decks: Iterable[Deck],
    path: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    stamps: Stamps | None = None,
) -> ExportReport:
    """Write ``decks`` to ``path`` as an Anki package, one subdeck of 'Kratom Quiz' per deck.

    Importing a newer export into Anki updates the notes whose content changed (same GUIDs, newer
    modification time) and keeps their review history; notes we did not change keep their time, so Anki
    leaves them, and the learner's own tags and edits on them, alone.

    Args:
        decks: the decks to export, in order.
        path: the .apkg file to write (replaced atomically).
        now: the export time, given to notes and note types whose content is new or changed.
        progress: called as ``progress(done, total)`` with notes built so far; it may raise to cancel,
            in which case no file is written.
        stamps: the ledger of when each note's content last changed (saved after the file is written);
            without one every note carries ``now``.

    Raises:
        UserError: the file cannot be written (missing folder, no permission, disk full).
    """
    decks = list(decks)
    stamps = stamps or Stamps(None)
    timestamp = (now or utc_now()).timestamp()
    anki_decks: dict[str, genanki.Deck] = {}
    notes: list[ExportNote] = []
    models = {kind: _model(kind) for kind in NOTE_TYPES}
    for kind, model in models.items():
        model.mod = stamps.stamp(f"notetype:{NOTE_TYPES[kind].id}", _model_digest(model), int(timestamp))
    for deck, note in build_notes(decks, progress):
        target = anki_decks.get(deck.id)
        if target is None:
            target = genanki.Deck(anki_deck_id(deck.id), anki_deck_name(deck), to_html(deck.description))
            anki_decks[deck.id] = target
        target.add_note(
            _StampedNote(
                model=models[note.kind],
                fields=list(note.fields),
                tags=list(note.tags),
                guid=note.guid,
                mod=stamps.stamp(note.guid, _note_digest(note), int(timestamp)),
            )
        )
        notes.append(note)
    data = _package_bytes(genanki.Package(list(anki_decks.values())), timestamp)
    with atomic_write(path) as out:
        out.write(data)
    stamps.save()
    return report(path, decks, notes)
