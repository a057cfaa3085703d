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

# Readable in light and night mode: every colour set here is overridden for night mode, where Anki puts
# 'nightMode' (desktop) or 'night_mode' (AnkiDroid) on the card's body.
CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 20px;
  line-height: 1.45; text-align: left; max-width: 40em; margin: 0 auto; color: #1d1d1f; background: #fff; }
.kq-kind { font-size: 0.7em; text-transform: uppercase; letter-spacing: 0.06em; color: #6b6b73; }
.kq-prompt { margin: 0.4em 0 0.8em; font-weight: 600; }
.kq-option { margin: 0.25em 0; padding: 0.3em 0.6em; border: 1px solid #d0d0d7; border-radius: 6px; }
.kq-answer { margin: 0.6em 0; padding: 0.4em 0.6em; border-left: 4px solid #2e7d32; background: #e8f5e9; }
.kq-also, .kq-why { font-size: 0.85em; margin-top: 0.3em; }
.kq-explanation { margin: 0.8em 0; }
.kq-meta { font-size: 0.75em; color: #6b6b73; border-top: 1px solid #d0d0d7; padding-top: 0.4em; }
.cloze { font-weight: bold; color: #1565c0; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e6e6e6; background: #1e1e1e; }
.nightMode .kq-kind, .night_mode .kq-kind, .nightMode .kq-meta, .night_mode .kq-meta { color: #a0a0a8; }
.nightMode .kq-option, .night_mode .kq-option { border-color: #4a4a52; }
.nightMode .kq-answer, .night_mode .kq-answer { background: #1b3a1e; border-left-color: #66bb6a; }
.nightMode .cloze, .night_mode .cloze { color: #90caf9; }
"""

_BACK_COMMON = """
{{#Explanation}}<div class="kq-explanation">{{Explanation}}</div>{{/Explanation}}
<div class="kq-meta">Source: {{Source}}<br>Evidence: {{Evidence}} · Topic: {{Topic}}</div>"""


def _front(label: str, prompt_field: str, *, options: bool) -> str:
    front = (
        f'<div class="kq-kind">{to_html(label)}</div>\n<div class="kq-prompt">{{{{{prompt_field}}}}}</div>'
    )
    if options:
        front += '\n{{#Options}}<div class="kq-options">{{Options}}</div>{{/Options}}'
    return front


def _model(kind: CardKind) -> genanki.Model:
    spec = NOTE_TYPES[kind]
    fields = [{"name": name} for name in spec.fields]
    if kind is CardKind.CLOZE:
        front = _front(spec.label, "cloze:Text", options=False)
        back = front + _BACK_COMMON
        model_type = genanki.Model.CLOZE
    elif kind is CardKind.BASIC:
        front = _front(spec.label, "Front", options=False)
        back = '{{FrontSide}}\n<hr id="answer">\n<div class="kq-answer">{{Back}}</div>' + _BACK_COMMON
        model_type = genanki.Model.FRONT_BACK
    else:
        front = _front(spec.label, "Question", options=True)
        back = (
            '{{FrontSide}}\n<hr id="answer">\n<div class="kq-answer">{{Answer}}</div>\n'
            '{{#Rationale}}<div class="kq-rationale">{{Rationale}}</div>{{/Rationale}}' + _BACK_COMMON
        )
        model_type = genanki.Model.FRONT_BACK
    return genanki.Model(
        spec.id,
        spec.name,
        fields=fields,
        templates=[
            {"name": "Card 1" if kind is not CardKind.CLOZE else "Cloze", "qfmt": front, "afmt": back}
        ],
        css=CSS,
        model_type=model_type,
    )


MODELS: dict[CardKind, genanki.Model] = {kind: _model(kind) for kind in NOTE_TYPES}


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
    decks: Iterable[Deck], path: Path, *, now: datetime | None = None, progress: Progress | None = None
) -> ExportReport:
    """Write ``decks`` to ``path`` as an Anki package, one subdeck of 'Kratom Quiz' per deck.

    Importing a newer export into Anki updates the notes it already has (same GUIDs, newer timestamp)
    and keeps their review history.

    Args:
        decks: the decks to export, in order.
        path: the .apkg file to write (replaced atomically).
        now: the export time, stamped on every note; Anki only applies updates from a newer package.
        progress: called as ``progress(done, total)`` with notes built so far; it may raise to cancel,
            in which case no file is written.

    Raises:
        UserError: the file cannot be written (missing folder, no permission, disk full).
    """
    decks = list(decks)
    timestamp = (now or utc_now()).timestamp()
    anki_decks: dict[str, genanki.Deck] = {}
    notes: list[ExportNote] = []
    for deck, note in build_notes(decks, progress):
        target = anki_decks.get(deck.id)
        if target is None:
            target = genanki.Deck(anki_deck_id(deck.id), anki_deck_name(deck), to_html(deck.description))
            anki_decks[deck.id] = target
        target.add_note(
            genanki.Note(
                model=MODELS[note.kind], fields=list(note.fields), tags=list(note.tags), guid=note.guid
            )
        )
        notes.append(note)
    data = _package_bytes(genanki.Package(list(anki_decks.values())), timestamp)
    with atomic_write(path) as out:
        out.write(data)
    return report(path, decks, notes)
