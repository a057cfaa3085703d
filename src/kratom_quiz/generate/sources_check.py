"""Check decks against their source documents: files present, digests equal, cited sections real."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kratom_quiz.deckfile import safeyaml
from kratom_quiz.domain.model import Deck, Source
from kratom_quiz.generate.clean import clean, normalise
from kratom_quiz.generate.documents import SourceError, decode
from kratom_quiz.generate.sections import Document, item_label, parse, strip_number


def section_key(text: str) -> str:
    """How a section name is compared: cleaned, without list numbering or a final colon, case-folded."""
    text = strip_number(normalise(text).strip()).rstrip(":").strip()
    return " ".join(text.casefold().split())


def section_keys(document: Document) -> frozenset[str]:
    """Every name a card may cite as a section: the headings and lines of the document, and item labels."""
    names: list[str] = [document.title, *document.headings, *document.lines]
    names.extend(label for line in document.lines if (label := item_label(line)))
    return frozenset(section_key(n) for n in names)


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
        for j, source in enumerate(deck.sources):
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
        self.report.sources += len(deck.sources)
        return problems
