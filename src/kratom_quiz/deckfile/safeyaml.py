"""A YAML reader for deck files that keeps positions and refuses what a deck never needs.

It builds plain Python values from PyYAML's parser events (the C parser when present), so that:
anchors and aliases are refused before anything is expanded; nesting depth is bounded; duplicate keys are
reported instead of silently dropped; only ``true``/``false`` are booleans and ``1.10`` stays text; control
characters are refused; and every key and value keeps its line and column for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True, slots=True)
class Pos:
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


def _scalar(event: yaml.ScalarEvent, as_key: bool) -> tuple[Any, list[str]]:
    value: str = event.value
    messages = [m for m in (control_character_message(value), _tag_message(event.tag)) if m]
    return _resolve(event, value, as_key), messages


def _resolve(event: yaml.ScalarEvent, value: str, as_key: bool) -> Any:
    if _tag_message(event.tag):
        return value
    plain = not event.style and event.implicit[0]
    if as_key or not plain:
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


def read(text: str) -> Document:
    """Read one YAML document from ``text``.

    Raises:
        FatalYamlError: on a syntax error, an anchor or alias, nesting deeper than MAX_DEPTH, or several
            documents in one file.
    """
    doc = Document(None)
    # Each frame: [container, path, pending key or None, key position]
    stack: list[list[Any]] = []
    documents = 0

    def attach(value: Any, pos: Pos) -> Path | None:
        if not stack:
            doc.data = value
            doc.value_pos[()] = pos
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child: Path = (*path, len(container))
            container.append(value)
            doc.value_pos[child] = pos
            return child
        key = frame[2]
        frame[2] = None
        child = (*path, key)
        if key in container:
            first = doc.key_pos[child]
            doc.problems.append(
                Problem(frame[3], f"duplicate key '{key}' (first at line {first.line})", child)
            )
            return None
        container[key] = value
        doc.key_pos[child] = frame[3]
        doc.value_pos[child] = pos
        return child

    def expecting_key() -> bool:
        return bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is None

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise FatalYamlError(
                        Problem(_pos(event.start_mark), "a deck file holds one YAML document")
                    )
                continue
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                name = getattr(event, "anchor", "")
                raise FatalYamlError(
                    Problem(_pos(event.start_mark), f"YAML anchors and aliases are not allowed ('{name}')")
                )
            if isinstance(event, yaml.ScalarEvent):
                pos = _pos(event.start_mark)
                as_key = expecting_key()
                value, messages = _scalar(event, as_key)
                if as_key:
                    stack[-1][2], stack[-1][3] = value, pos
                    where = stack[-1][1]
                else:
                    where = attach(value, pos)
                doc.problems.extend(Problem(pos, m, where) for m in messages)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                pos = _pos(event.start_mark)
                if expecting_key():
                    raise FatalYamlError(Problem(pos, "mapping keys must be plain text"))
                tag_problem = _tag_message(event.tag)
                if tag_problem:
                    raise FatalYamlError(Problem(pos, tag_problem))
                if len(stack) >= MAX_DEPTH:
                    raise FatalYamlError(Problem(pos, f"nesting deeper than {MAX_DEPTH} levels"))
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                path = attach(container, pos)
                # A duplicate key's value is still read (to find later errors) but not kept.
                stack.append([container, path if path is not None else ("<dup>",), None, pos])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark is not None else Pos(1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise FatalYamlError(Problem(pos, f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:  # reader errors (e.g. unprintable characters) have no problem_mark
        mark = getattr(exc, "position", None)
        raise FatalYamlError(Problem(Pos(1, 1), f"YAML error: {exc}")) from None
    return doc
