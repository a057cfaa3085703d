"""Load and check deck files, reporting every problem as ``file:line:column: message``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kratom_quiz.deckfile import safeyaml
from kratom_quiz.deckfile.accept import accept_problems
from kratom_quiz.deckfile.files import MAX_BYTES, Reporter, decode, find_deck_files
from kratom_quiz.deckfile.messages import describe, strip_source_kind
from kratom_quiz.deckfile.schema import (
    CARD_TYPES,
    BasicCard,
    CardSpec,
    DeckHeader,
    McqCard,
    MultiCard,
    SourceSpec,
    TrueFalseCard,
    TypedCard,
    source_kind,
)
from kratom_quiz.domain import cloze
from kratom_quiz.domain.model import (
    Card,
    CardKind,
    Deck,
    Evidence,
    Source,
    SourceRef,
    with_related_both_ways,
)

CARD_ADAPTER: TypeAdapter[Any] = TypeAdapter(CardSpec)
Path_ = safeyaml.Path


@dataclass
class LoadResult:
    """Decks that loaded, and one line per problem found in the files that did not."""

    decks: list[Deck] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file loaded without a problem."""
        return not self.errors


def _validation_problems(exc: ValidationError, base: Path_, raw: Any, rep: Reporter) -> None:
    for err in exc.errors(include_url=False):
        loc: Path_ = (*base, *err["loc"])
        # A discriminated union puts the card type in the location: ('cards', 3, 'mcq', 'answer').
        if len(loc) > 2 and loc[0] == "cards" and loc[2] in CARD_TYPES:
            loc = (*loc[:2], *loc[3:])
        rep.path(loc, describe(err, loc, raw))


def _texts(value: Any) -> list[str] | None:
    """``value`` as a list of strings, or None when it is not one (the schema reports that)."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _card_problems(raw: dict[str, Any], i: int, declared: dict[str, str], rep: Reporter) -> None:
    """Checks across fields, run on the raw card so they apply even when another field is invalid."""
    base: Path_ = ("cards", i)
    kind = raw.get("type")
    choices = _texts(raw.get("choices"))
    if kind in ("mcq", "multi") and choices is not None:
        _choice_problems(choices, raw.get("rationale"), base, rep)
    answer = raw.get("answer")
    if kind == "mcq" and choices is not None and isinstance(answer, str) and answer not in choices:
        rep.path((*base, "answer"), f"answer '{answer}' is not one of the choices")
    answers = _texts(raw.get("answers"))
    if kind == "multi" and answers is not None:
        if len(answers) < 2:
            rep.path((*base, "answers"), "a multi card needs two or more answers (use mcq for one)")
        seen: set[str] = set()
        for j, item in enumerate(answers):
            if choices is not None and item not in choices:
                rep.path((*base, "answers", j), f"answer '{item}' is not one of the choices")
            elif item in seen:
                rep.path((*base, "answers", j), f"answer '{item}' is listed twice")
            seen.add(item)
    prompt = raw.get("prompt")
    if kind == "cloze" and isinstance(prompt, str):
        for problem in cloze.problems(prompt):
            rep.path((*base, "prompt"), problem.message)
    accept = _texts(raw.get("accept"))
    if kind == "typed" and isinstance(answer, str) and accept is not None:
        for j, alt in enumerate(accept):
            if alt.strip().casefold() == answer.strip().casefold():
                rep.path((*base, "accept", j), f"accepted answer '{alt}' repeats the answer")
    source = raw.get("source")
    source = source if isinstance(source, dict) else {}
    doc = source.get("doc")
    if isinstance(doc, str) and doc not in declared:
        known = f"declared: {', '.join(sorted(declared))}" if declared else "none declared"
        rep.path((*base, "source", "doc"), f"source doc '{doc}' is not in the deck's sources ({known})")
    elif isinstance(doc, str) and declared[doc] == "document" and source.get("section") is None:
        # A reference may be cited as a whole; a local document is checked section by section.
        rep.path((*base, "source"), f"source doc '{doc}' is a local document: the card needs its section")


def _choice_problems(choices: list[str], rationale: Any, base: Path_, rep: Reporter) -> None:
    seen: dict[str, int] = {}
    for j, choice in enumerate(choices):
        folded = " ".join(choice.casefold().split())
        if folded in seen:
            rep.path(
                (*base, "choices", j), f"choice '{choice}' appears twice (also choice {seen[folded] + 1})"
            )
        seen.setdefault(folded, j)
    for name in rationale if isinstance(rationale, dict) else ():
        if name not in choices:
            rep.path((*base, "rationale", name), f"rationale for '{name}' names no choice")


def _duplicate_ids(items: Any, what: str, base: str, rep: Reporter) -> None:
    if not isinstance(items, list):
        return
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first:
            line = rep.doc.pos((base, first[ident], "id")).line if rep.doc else 0
            rep.path((base, i, "id"), f"{what} id '{ident}' is used twice (first at line {line})")
        else:
            first[ident] = i


def _to_domain(spec: DeckHeader, specs: list[Any], path: Path) -> Deck:
    cards = []
    for c in specs:
        common: dict[str, Any] = {
            "deck_id": spec.id,
            "id": c.id,
            "kind": CardKind(c.type),
            "prompt": c.prompt,
            "explanation": c.explanation,
            "topic": c.topic,
            "evidence": Evidence(c.evidence),
            "source": SourceRef(c.source.doc, c.source.section or ""),
            "tags": tuple(c.tags),
            "related": tuple(c.related),
            "lint_ignore": tuple(c.lint_ignore),
        }
        if isinstance(c, McqCard):
            extra: dict[str, Any] = {"choices": tuple(c.choices), "answers": (c.answer,)}
            extra["rationale"] = tuple(c.rationale.items())
        elif isinstance(c, MultiCard):
            extra = {"choices": tuple(c.choices), "answers": tuple(c.answers)}
            extra["rationale"] = tuple(c.rationale.items())
        elif isinstance(c, TrueFalseCard):
            extra = {"truth": c.answer}
        elif isinstance(c, TypedCard):
            extra = {"answers": (c.answer, *c.accept)}
        elif isinstance(c, BasicCard):
            extra = {"back": c.back}
        else:
            extra = {}
        cards.append(Card(**common, **extra))
    sources = tuple(_source(s) for s in spec.sources)
    accept = tuple((term, *forms) for term, forms in spec.accept.items())
    return Deck(spec.id, spec.title, spec.version, tuple(cards), sources, spec.description, str(path), accept)


def _source(s: Any) -> Source:
    if isinstance(s, SourceSpec):
        return Source(s.id, s.title, s.file, s.sha256)
    return Source(
        s.id,
        s.title,
        authors=tuple(s.authors or ()),
        publisher=s.publisher or "",
        year=s.year,
        doi=s.doi or "",
        url=s.url or "",
    )


def load_deck(path: Path, display: str | None = None) -> tuple[Deck | None, list[str]]:
    """Load one deck file; returns the deck (None if invalid) and one line per problem."""
    rep = Reporter(display or str(path))
    try:
        # The size limit applies before reading: a 1 GB file is never read whole, and reading stops one
        # byte past the limit whatever the size said (a file may grow while being read).
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            raw_bytes = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [f"{rep.display}: cannot read file ({exc.strerror or exc})"]
    text = decode(raw_bytes, rep, size)
    if text is None:
        return None, rep.lines
    checked = _read_and_check(text, rep, positions=False)
    if rep.lines or checked is None:
        # Something is wrong: read again, this time keeping positions, to say exactly where.
        rep.lines = []
        _read_and_check(text, rep, positions=True)
        return None, _sorted(rep.lines)
    header, cards = checked
    return _to_domain(header, cards, path), []


def _read_and_check(text: str, rep: Reporter, *, positions: bool) -> tuple[DeckHeader, list[Any]] | None:
    try:
        doc = safeyaml.read(text, positions=positions)
    except safeyaml.FatalYamlError as exc:
        rep.at(exc.problem.pos, exc.problem.message)
        return None
    rep.doc = doc
    for problem in doc.problems:
        if problem.path is None:
            rep.at(problem.pos, problem.message)
        else:
            rep.at_path(problem.pos, problem.path, problem.message)
    data = doc.data
    if not isinstance(data, dict):
        rep.at(doc.pos(()), "a deck file must be a mapping with id, title, version, sources and cards")
        return None
    return _check_structure(data, rep)


def _check_structure(data: dict[str, Any], rep: Reporter) -> tuple[DeckHeader, list[Any]] | None:
    """Validate the header and each card separately, so that every card's problems are reported."""
    header: DeckHeader | None = None
    try:
        header = DeckHeader.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = strip_source_kind(err["loc"])
            rep.path(loc, describe(err, loc, data))
    _duplicate_ids(data.get("sources"), "source", "sources", rep)
    for loc, message in accept_problems(data.get("accept")):
        rep.path(loc, message)
    cards = data.get("cards")
    if not isinstance(cards, list):
        return None
    _duplicate_ids(cards, "card", "cards", rep)
    sources = data.get("sources")
    declared: dict[str, str] = {}
    if isinstance(sources, list):
        declared = {
            s["id"]: source_kind(s) for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)
        }
    specs: list[Any] = []
    for i, raw in enumerate(cards):
        try:
            specs.append(CARD_ADAPTER.validate_python(raw))
        except ValidationError as exc:
            _validation_problems(exc, ("cards", i), data, rep)
        if isinstance(raw, dict):
            _card_problems(raw, i, declared, rep)
    return None if header is None else (header, specs)


def _sorted(lines: list[str]) -> list[str]:
    def key(line: str) -> tuple[int, int]:
        parts = line.split(":", 3)
        try:
            return int(parts[1]), int(parts[2])
        except (IndexError, ValueError):
            return 0, 0

    return sorted(dict.fromkeys(lines), key=key)


def load_decks(paths: Iterable[Path], display_root: Path | None = None) -> LoadResult:
    """Load every deck file under ``paths``; deck ids must be unique across files."""
    files, errors = find_deck_files(paths)
    result = LoadResult(errors=errors, files=files)
    owner: dict[str, str] = {}
    for f in files:
        display = display_name(f, display_root)
        deck, problems = load_deck(f, display)
        result.errors.extend(problems)
        if deck is None:
            continue
        if deck.id in owner:
            doc = safeyaml.read(f.read_text(encoding="utf-8"))
            pos = doc.pos(("id",))
            result.errors.append(
                f"{display}:{pos.line}:{pos.column}: deck id '{deck.id}' is already used by {owner[deck.id]}"
            )
            continue
        owner[deck.id] = display
        result.decks.append(deck)
    result.errors.extend(_unknown_related(result.decks, display_root))
    result.decks = with_related_both_ways(result.decks)
    return result


def _unknown_related(decks: list[Deck], root: Path | None) -> list[str]:
    """A line per ``related`` id that names no loaded card, or the card itself.

    An id may name a card of any loaded deck (card ids are unique per deck; the queue matches on the id).
    """
    known = {c.id for d in decks for c in d.cards}
    lines: list[str] = []
    for deck in decks:
        doc: safeyaml.Document | None = None
        for i, card in enumerate(deck.cards):
            for j, other in enumerate(card.related):
                if other in known and other != card.id:
                    continue
                if doc is None:  # only re-read (with positions) a file that has something to report
                    doc = safeyaml.read(Path(deck.path or "").read_text(encoding="utf-8"))
                pos = doc.pos(("cards", i, "related", j))
                what = "names the card itself" if other == card.id else "names no card in the loaded decks"
                where = f"{display_name(Path(deck.path or ''), root)}:{pos.line}:{pos.column}"
                lines.append(f"{where}: card '{card.id}': related id '{other}' {what}")
    return lines


def display_name(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies under it (as file names are shown in messages)."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)
