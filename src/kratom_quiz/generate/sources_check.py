"""Check decks against their source documents: files present, digests equal, cited sections real."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from kratom_quiz.deckfile import safeyaml
from kratom_quiz.domain.model import Deck, Source
from kratom_quiz.generate.clean import clean, normalise
from kratom_quiz.generate.documents import SourceError, decode
from kratom_quiz.generate.sections import Document, item_label, parse, strip_number

DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.IGNORECASE)


def section_key(text: str) -> str:
    """How a section name is compared: cleaned, without list numbering or a final colon, case-folded."""
    text = strip_number(normalise(text).strip()).rstrip(":").strip()
    return " ".join(text.casefold().split())


def section_keys(document: Document) -> frozenset[str]:
    """Every name a card may cite as a section: the headings and lines of the document, and item labels."""
    names: list[str] = [document.title, *document.headings, *document.lines]
    names.extend(label for line in document.lines if (label := item_label(line)))
    return frozenset(section_key(n) for n in names)


def doi_of_url(url: str) -> str | None:
    """The DOI a doi.org address resolves, or None for another address."""
    match = DOI_URL.match(url)
    return unquote(match.group(1)) if match else None


def reference_problems(source: Source, seen: dict[str, str]) -> list[tuple[str, str]]:
    """(field, message) for a reference whose fields disagree, or that repeats another source's work.

    ``seen`` maps each DOI and address met so far in the deck to its source id (updated here). The check
    cannot fetch the work: it looks at form only.
    """
    problems: list[tuple[str, str]] = []
    named = doi_of_url(source.url) if source.url else None
    if source.doi and named is not None and named.casefold() != source.doi.casefold():
        problems.append(("url", f"source '{source.id}': url names DOI {named}, but doi is {source.doi}"))
    for key, value in (("doi", source.doi.casefold()), ("url", source.url.rstrip("/"))):
        if not value:
            continue
        if value in seen:
            problems.append((key, f"source '{source.id}': same {key} as source '{seen[value]}'"))
        seen.setdefault(value, source.id)
    return problems


@dataclass(frozen=True, slots=True)
class _Loaded:
    """A source file as read from the sources folder, or why it could not be."""

    sha256: str = ""
    keys: frozenset[str] = frozenset()
    error: str = ""


@dataclass
class CheckReport:
    """Problems found, one line each, and what was checked."""

    problems: list[str] = field(default_factory=list)
    decks: int = 0
    cards: int = 0
    sources: int = 0
    references: int = 0


class SourcesChecker:
    """Checks decks against one sources folder, reading each source file once."""

    def __init__(self, sources_dir: Path, display_root: Path | None = None) -> None:
        self.sources_dir = sources_dir
        self.display_root = display_root
        self._cache: dict[str, _Loaded] = {}
        self.report = CheckReport()

    def _load(self, file: str) -> _Loaded:
        if file not in self._cache:
            path = self.sources_dir / file
            try:
                raw = path.read_bytes()
                document = parse(clean(decode(raw, file)), fallback_title=path.stem)
                loaded = _Loaded(hashlib.sha256(raw).hexdigest(), section_keys(document))
            except FileNotFoundError:
                loaded = _Loaded(error=f"file '{file}' not found in {self.sources_dir}")
            except SourceError as exc:
                loaded = _Loaded(error=str(exc))
            except OSError as exc:
                loaded = _Loaded(error=f"{file}: cannot read ({exc.strerror or exc})")
            self._cache[file] = loaded
        return self._cache[file]

    def _display(self, path: Path) -> str:
        if self.display_root is not None:
            try:
                return str(path.resolve().relative_to(self.display_root.resolve()))
            except ValueError:
                pass
        return str(path)

    def check(self, deck: Deck) -> list[str]:
        """Problems of one deck, as ``file:line:column: message`` lines (also added to the report)."""
        if deck.path is None:
            raise ValueError("a deck loaded from a file is needed, to report positions")
        path = Path(deck.path)
        display = self._display(path)
        positions = safeyaml.read(path.read_text(encoding="utf-8").removeprefix("\ufeff"))

        def at(where: safeyaml.Path) -> str:
            pos = positions.value_pos.get(where) or positions.pos(where)
            return f"{display}:{pos.line}:{pos.column}"

        problems: list[str] = []
        by_id: dict[str, tuple[Source, _Loaded]] = {}
        seen: dict[str, str] = {}
        for j, source in enumerate(deck.sources):
            if source.is_reference:
                # The loader has checked each field's form; what is left is how the fields agree.
                found = reference_problems(source, seen)
                problems += [f"{at(('sources', j, key))}: {message}" for key, message in found]
                continue
            loaded = self._load(source.file)
            by_id[source.id] = (source, loaded)
            if loaded.error:
                problems.append(f"{at(('sources', j, 'file'))}: source '{source.id}': {loaded.error}")
            elif loaded.sha256 != source.sha256:
                problems.append(
                    f"{at(('sources', j, 'sha256'))}: source '{source.id}': sha256 of {source.file} does not "
                    f"match (file has {loaded.sha256[:12]}..., deck says {source.sha256[:12]}...)"
                )
        for i, card in enumerate(deck.cards):
            if card.source.doc not in by_id:
                continue  # a reference: there is no text here to find its section in
            source, loaded = by_id[card.source.doc]
            if loaded.error or section_key(card.source.section) in loaded.keys:
                continue
            problems.append(
                f"{at(('cards', i, 'source', 'section'))}: card '{card.id}': section "
                f"'{card.source.section}' not found in {source.id} ({source.file})"
            )
        self.report.problems.extend(problems)
        self.report.decks += 1
        self.report.cards += len(deck.cards)
        self.report.sources += len(by_id)
        self.report.references += len(deck.sources) - len(by_id)
        return problems
