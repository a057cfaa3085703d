"""A YAML reader for deck files that keeps positions and refuses what a deck never needs.

It builds plain Python values from PyYAML's parser events (the C parser when present), so that:
anchors and aliases are refused before anything is expanded; nesting depth is bounded; duplicate keys are
reported instead of silently dropped; only ``true``/``false`` are booleans and ``1.10`` stays text; control
characters are refused; and every key and value keeps its line and column for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 50
Path = tuple[str | int, ...]
_INT = re.compile(r"[-+]?[0-9]+")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_STR_TAG = "tag:yaml.org,2002:str"


class Pos(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the file, at a position."""

    pos: Pos
    message: str
    path: Path | None = None


class FatalYamlError(Exception):
    """The file cannot be read into values at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Document:
    """The values read from a file, with where each key and value stands."""

    data: Any
    key_pos: dict[Path, Pos] = field(default_factory=dict)
    value_pos: dict[Path, Pos] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def pos(self, path: Path) -> Pos:
        """Where ``path`` stands: its key for a mapping entry, else its value, else its nearest parent."""
        while True:
            if path in self.key_pos:
                return self.key_pos[path]
            if path in self.value_pos:
                return self.value_pos[path]
            if not path:
                return Pos(1, 1)
            path = path[:-1]


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def control_character_message(text: str) -> str | None:
    """A message naming the first control character in ``text``, or None."""
    m = CONTROL.search(text)
    return None if m is None else f"control character U+{ord(m.group()):04X} is not allowed in text"


def _tag_message(tag: str | None) -> str | None:
    return None if tag in (None, "!", _STR_TAG) else f"YAML tag '{tag}' is not allowed in a deck file"


def _scalar_problems(event: yaml.ScalarEvent) -> list[str]:
    # Raw control characters are refused on the whole text before parsing; only a double-quoted
    # scalar's escapes (\e, \x1b, \0) can bring new ones.
    found = control_character_message(event.value) if event.style == '"' else None
    tag = _tag_message(event.tag)
    return [m for m in (found, tag) if m]


def _resolve(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar: only plain scalars are resolved, and only to null, true/false or an integer."""
    value: str = event.value
    if event.style or not event.implicit[0] or event.tag is not None:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    return value


class _Builder:
    """Builds values from parser events, recording positions (kept small: it runs once per event)."""

    def __init__(self, positions: bool) -> None:
        self.positions = positions
        self.doc = Document(None)
        # Each frame: [container, path, pending key or _NO_KEY, key position]
        self.stack: list[list[Any]] = []

    def attach(self, value: Any, pos: Pos) -> Path | None:
        doc = self.doc
        if not self.stack:
            doc.data = value
            doc.value_pos[()] = pos
            return ()
        frame = self.stack[-1]
        container: Any = frame[0]
        path: Path = frame[1]
        if container.__class__ is list:
            if not self.positions:
                container.append(value)
                return path
            child: Path = (*path, len(container))
            container.append(value)
            doc.value_pos[child] = pos
            return child
        key = frame[2]
        frame[2] = _NO_KEY
        if key in container:
            child = (*path, key)
            first = doc.key_pos.get(child, _UNKNOWN)
            message = f"duplicate key '{key}' (first at line {first.line})"
            doc.problems.append(Problem(frame[3], message, child))
            return None
        container[key] = value
        if not self.positions:
            return path
        child = (*path, key)
        doc.key_pos[child] = frame[3]
        doc.value_pos[child] = pos
        return child


_NO_KEY = object()
_UNKNOWN = Pos(0, 0)


def read(text: str, *, positions: bool = True) -> Document:
    """Read one YAML document from ``text``.

    With ``positions=False`` no key or value positions are kept (about twice as fast); problems are still
    found, so a caller can read again with positions only when it has something to report.

    Raises:
        FatalYamlError: on a syntax error, an anchor or alias, a tag on a mapping or list, nesting deeper
            than MAX_DEPTH, or several documents in one file.
    """
    builder = _Builder(positions)
    doc, stack = builder.doc, builder.stack
    documents = 0
    loader = _Loader(text)
    try:
        while True:
            event: Any = loader.get_event()
            cls = event.__class__
            if cls is yaml.ScalarEvent:
                if event.anchor:
                    _refuse_anchor(event)
                if positions:
                    mark = event.start_mark
                    pos = Pos(mark.line + 1, mark.column + 1)
                else:
                    pos = _UNKNOWN
                messages = _scalar_problems(event) if event.style == '"' or event.tag else None
                if stack and stack[-1][2] is _NO_KEY and stack[-1][0].__class__ is dict:
                    stack[-1][2], stack[-1][3] = event.value, pos
                    where: Path | None = stack[-1][1]
                else:
                    where = builder.attach(_resolve(event), pos)
                if messages:
                    doc.problems.extend(Problem(pos, m, where) for m in messages)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                _open(builder, event, cls is yaml.MappingStartEvent)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                stack.pop()
            elif cls is yaml.AliasEvent:
                _refuse_anchor(event)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    where_pos = _pos(event.start_mark)
                    raise FatalYamlError(Problem(where_pos, "a deck file holds one YAML document"))
            elif cls is yaml.StreamEndEvent:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where_pos = _pos(mark) if mark is not None else Pos(1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise FatalYamlError(Problem(where_pos, f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        raise FatalYamlError(Problem(Pos(1, 1), f"YAML error: {exc}")) from None
    finally:
        loader.dispose()
    return doc


def _refuse_anchor(event: Any) -> None:
    name = getattr(event, "anchor", "") or ""
    message = f"YAML anchors and aliases are not allowed ('{name}')"
    raise FatalYamlError(Problem(_pos(event.start_mark), message))


def _open(builder: _Builder, event: Any, mapping: bool) -> None:
    stack = builder.stack
    pos = _pos(event.start_mark) if builder.positions or len(stack) >= MAX_DEPTH else _UNKNOWN
    if event.anchor:
        _refuse_anchor(event)
    if stack and stack[-1][2] is _NO_KEY and stack[-1][0].__class__ is dict:
        raise FatalYamlError(Problem(pos, "mapping keys must be plain text"))
    tag_problem = _tag_message(event.tag)
    if tag_problem:
        raise FatalYamlError(Problem(pos, tag_problem))
    if len(stack) >= MAX_DEPTH:
        raise FatalYamlError(Problem(pos, f"nesting deeper than {MAX_DEPTH} levels"))
    container: dict[str, Any] | list[Any] = {} if mapping else []
    path = builder.attach(container, pos)
    # A duplicate key's value is still read (to find later errors) but not kept.
    stack.append([container, path if path is not None else ("<dup>",), _NO_KEY, pos])
