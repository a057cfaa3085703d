"""Write a random sample of drafted cards, with each card's source sentence, for a blind judge.

Usage: uv run python scripts/sample_drafts.py [SOURCES_DIR] [-n 30] [--seed 1] [-o sample.md]

Runs the generator over every .txt file in SOURCES_DIR (default: ../shared/sources relative to the repo)
and writes N cards chosen at random with a fixed seed (all of them when fewer), as markdown.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

from kratom_quiz.errors import UserError
from kratom_quiz.generate.documents import read_source
from kratom_quiz.generate.draft import ranked_drafts, unique_ids

REPO = Path(__file__).resolve().parent.parent


def _card_text(number: int, card: dict[str, Any], sentence: str) -> str:
    lines = [f"## {number}. {card['id']}", "", f"- type: {card['type']}; evidence: {card['evidence']}; "
             f"topic: {card['topic']}; source: {card['source']['doc']} / {card['source']['section']}",
             f"- source sentence: {sentence}", "", f"**Prompt:** {card['prompt']}", ""]  # fmt: skip
    for choice in card.get("choices", []):
        why = card.get("rationale", {}).get(choice)
        lines.append(f"- [ ] {choice}" + (f" (rationale: {why})" if why else ""))
    if card.get("choices"):
        lines.append("")
    answer = card.get("answers", card.get("answer"))
    if answer is not None:
        lines.append(f"**Answer:** {answer}")
    if card.get("accept"):
        lines.append(f"**Also accepted:** {', '.join(card['accept'])}")
    lines += ["", f"**Explanation:** {card['explanation']}", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="?", type=Path, default=REPO.parent / "shared" / "sources")
    parser.add_argument("-n", type=int, default=30, help="how many cards (default 30, or all if fewer)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    files = sorted(args.sources.glob("*.txt")) if args.sources.is_dir() else [args.sources]
    if not files:
        print(f"sample_drafts: {args.sources}: no .txt source documents", file=sys.stderr)
        return 2
    try:
        sources = unique_ids([read_source(f) for f in files])
    except UserError as exc:
        print(f"sample_drafts: {exc}", file=sys.stderr)
        return 1
    drafts = ranked_drafts(sources)
    sample = random.Random(args.seed).sample(drafts, min(args.n, len(drafts)))
    head = [
        "# Blind sample of generated draft cards",
        "",
        f"{len(sample)} of {len(drafts)} drafts from {len(files)} documents (seed {args.seed}), "
        "in random order.",
        "Judge each card: keep (with light rewording) or not, with a reason.",
        "",
    ]
    text = "\n".join(head + [_card_text(i, c, s) for i, (c, s) in enumerate(sample, 1)])
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {len(sample)} of {len(drafts)} drafts to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
