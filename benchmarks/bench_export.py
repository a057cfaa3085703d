"""Time the Anki exports on 10,000 synthetic cards: uv run python benchmarks/bench_export.py."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, Source, SourceRef
from kratom_quiz.exporters.anki import export_apkg
from kratom_quiz.exporters.notes import ExportReport
from kratom_quiz.exporters.text import export_text

CARDS = 10_000
TARGET_SECONDS = 1.0
KINDS = list(CardKind)


def synthetic_card(deck_id: str, i: int) -> Card:
    """A card of the i-th kind in turn, with text of realistic length and some HTML to escape."""
    kind = KINDS[i % len(KINDS)]
    common: dict[str, Any] = {
        "deck_id": deck_id,
        "id": f"card-{i}",
        "kind": kind,
        "explanation": f"Explanation {i}: the <evidence> & its limits, in a sentence or two of text. " * 2,
        "topic": f"topic-{i % 12}",
        "evidence": list(Evidence)[i % len(Evidence)],
        "source": SourceRef("doc", f"Section {i % 40}"),
        "tags": ("core", f"set-{i % 7}"),
    }
    choices = ("Mitragynine", "7-Hydroxymitragynine", "Caffeine & co", "Morphine")
    if kind is CardKind.CLOZE:
        prompt = "{{c1::Mitragynine}} acts on {{c2::opioid::receptor}} receptors & {{c3::more}}" + f" ({i})."
        return Card(prompt=prompt, **common)
    prompt = f"Question {i}: which statement about <b>kratom</b> holds?"
    if kind is CardKind.MCQ:
        return Card(prompt=prompt, choices=choices, answers=(choices[0],), **common)
    if kind is CardKind.MULTI:
        return Card(prompt=prompt, choices=choices, answers=choices[:2], **common)
    if kind is CardKind.TRUEFALSE:
        return Card(prompt=prompt, truth=i % 2 == 0, **common)
    if kind is CardKind.TYPED:
        return Card(prompt=prompt, answers=("Mitragyna", "Mitragyna speciosa"), **common)
    return Card(prompt=prompt, back=f"=Answer {i}", **common)


def synthetic_decks(cards: int) -> list[Deck]:
    """Ten decks sharing ``cards`` cards."""
    decks = []
    per_deck = cards // 10
    for d in range(10):
        deck_id = f"deck-{d}"
        deck_cards = tuple(synthetic_card(deck_id, d * per_deck + i) for i in range(per_deck))
        source = Source("doc", "A synthetic source document", "doc.txt", "0" * 64)
        decks.append(Deck(deck_id, f"Deck {d}", 1, deck_cards, (source,)))
    return decks


def timed(export: Callable[[], ExportReport]) -> tuple[ExportReport, float]:
    start = time.perf_counter()
    report = export()
    return report, time.perf_counter() - start


def main() -> int:
    decks = synthetic_decks(CARDS)
    rows = [("export", "cards", "notes", "anki cards", "seconds", "target", "result")]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        runs = {
            ".apkg": lambda: export_apkg(decks, out / "bench.apkg"),
            "text": lambda: export_text(decks, out / "bench.txt"),
        }
        for name, export in runs.items():
            report, seconds = min((timed(export) for _ in range(3)), key=lambda r: r[1])
            ok = "ok" if seconds <= TARGET_SECONDS else "miss"
            rows.append(
                (name, str(CARDS), str(report.notes), str(report.cards), f"{seconds:.3f}", "≤ 1 s", ok)
            )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
