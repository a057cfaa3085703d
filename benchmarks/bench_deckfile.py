"""Benchmark: how long loading and checking deck files takes, valid and broken, at several sizes."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from kratom_quiz.deckfile import load_deck

HEADER = """id: bench
title: Benchmark deck
version: 1
sources:
  - id: doc
    title: A document
    file: doc.txt
    sha256: "{sha}"
cards:
""".format(sha="0" * 64)

CARD = """  - id: card-{n}
    type: {kind}
    prompt: "Question {n}: which alkaloid is {{{{c1::mitragynine}}}} in this leaf?"
{extra}    explanation: Explanation of card {n} that teaches why the answer is right.
    topic: topic-{topic}
    evidence: definition
    source: {{doc: doc, section: Section {topic}}}
    tags: [core, bench]
"""
EXTRA = {
    "mcq": "    choices: [Mitragynine, Caffeine, Morphine, Codeine]\n    answer: Mitragynine\n",
    "cloze": "",
    "truefalse": "    answer: true\n",
    "typed": "    answer: mitragynine\n    accept: [mitragynin]\n",
}


def make_deck(cards: int, broken_every: int = 0) -> str:
    kinds = list(EXTRA)
    parts = [HEADER]
    for n in range(cards):
        kind = kinds[n % len(kinds)]
        extra = EXTRA[kind]
        if broken_every and n % broken_every == 0 and kind == "mcq":
            extra = extra.replace("answer: Mitragynine", "answer: Mitragynin")
        parts.append(CARD.format(n=n, kind=kind, extra=extra, topic=n % 12))
    return "".join(parts)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for cards, broken in [(200, 0), (2_000, 0), (10_000, 0), (10_000, 4)]:
            path = Path(tmp) / f"deck-{cards}-{broken}.yaml"
            path.write_text(make_deck(cards, broken))
            start = time.perf_counter()
            _deck, errors = load_deck(path)
            seconds = time.perf_counter() - start
            size = path.stat().st_size / 1e6
            rows.append((cards, "broken" if broken else "valid", f"{size:.1f}", len(errors), seconds))
    print(f"{'cards':>7} {'file':>7} {'MB':>5} {'errors':>7} {'seconds':>8}  target ≤ 1 s")
    for cards, kind, size, errors, seconds in rows:
        verdict = "ok" if seconds <= 1.0 else "MISS"
        print(f"{cards:>7} {kind:>7} {size:>5} {errors:>7} {seconds:>8.3f}  {verdict}")


if __name__ == "__main__":
    main()
