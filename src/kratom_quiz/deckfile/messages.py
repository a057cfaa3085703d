"""Turn Pydantic validation errors into short messages a deck author understands."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic_core import ErrorDetails

from kratom_quiz.deckfile.schema import (
    CARD_MODELS,
    CARD_TYPES,
    DeckSpec,
    ReferenceSpec,
    SourceRefSpec,
    SourceSpec,
    source_kind,
)

SOURCE_KINDS = ("document", "reference")

_TYPE_NAMES = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}


def suggest(name: str, allowed: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss among ``allowed``, else ''."""
    close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def field_name(loc: tuple[str | int, ...]) -> str:
    """'choices[2]' or 'source.doc' for a location inside a card (or the deck)."""
    rel = loc[2:] if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int) else loc
    out = ""
    for part in rel:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "card"


def _lookup(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _allowed_fields(loc: tuple[str | int, ...], data: Any) -> list[str]:
    parent = loc[:-1]
    if len(parent) == 2 and parent[0] == "cards":
        card = _lookup(data, parent)
        kind = card.get("type") if isinstance(card, dict) else None
        model = CARD_MODELS.get(kind) if isinstance(kind, str) else None
        return list(model.model_fields) if model else []
    if len(parent) == 3 and parent[0] == "cards" and parent[2] == "source":
        return list(SourceRefSpec.model_fields)
    if len(parent) == 2 and parent[0] == "sources":
        if source_kind(_lookup(data, parent)) == "document":
            return list(SourceSpec.model_fields)
        return list(ReferenceSpec.model_fields)
    if not parent:
        return list(DeckSpec.model_fields)
    return []


def strip_source_kind(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop the kind Pydantic puts in a source's location: ('sources', 2, 'reference', 'doi')."""
    if len(loc) > 2 and loc[0] == "sources" and loc[2] in SOURCE_KINDS:
        return (*loc[:2], *loc[3:])
    return loc


def describe(err: ErrorDetails, loc: tuple[str | int, ...], data: Any) -> str:
    """One clear sentence for a validation error at ``loc`` (the card type already stripped)."""
    kind = err["type"]
    name = field_name(loc)
    value = err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    if kind == "reference_year":
        return f"{name} {value} is in the future"
    if kind.startswith("reference_"):
        ident = _lookup(data, (*loc[:2], "id")) if len(loc) >= 2 else None
        return f"source '{ident}': {err['msg']}" if isinstance(ident, str) else str(err["msg"])
    if kind == "missing":
        return f"missing field '{name}'"
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}'{suggest(str(loc[-1]), _allowed_fields(loc, data))}"
    if kind == "union_tag_not_found":
        return f"missing field 'type' (one of: {', '.join(CARD_TYPES)})"
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", value)
        return f"type '{tag}' is not one of: {', '.join(CARD_TYPES)}{suggest(str(tag), CARD_TYPES)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"{name} '{value}' is not one of: {expected}"
    if kind == "bool_type":
        return f"{name} must be true or false, not '{value}'"
    if kind == "string_type":
        got = _TYPE_NAMES.get(type(value), "empty") if value is not None else "empty"
        return f"{name} must be text, not {got}" + (" (put it in quotes)" if got != "empty" else "")
    if kind in ("int_type", "int_parsing"):
        return f"{name} must be a whole number, not '{value}'"
    if kind == "string_pattern_mismatch":
        return _pattern_message(name, loc, value)
    if kind == "string_too_short":
        return f"{name} is empty"
    if kind == "string_too_long":
        return f"{name} is too long ({len(str(value))} characters; at most {ctx.get('max_length')})"
    if kind == "too_short" and loc == ("cards",):
        return "cards is empty: a deck needs at least one card"
    if kind == "too_short":
        return f"{name} needs at least {ctx.get('min_length')} item(s), has {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"{name} has {ctx.get('actual_length')} items; at most {ctx.get('max_length')}"
    if kind == "greater_than_equal":
        return f"{name} must be at least {ctx.get('ge')}, not {value}"
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = "a list" if kind == "list_type" else "a mapping"
        return f"{name} must be {wanted}"
    return f"{name}: {err['msg']}"


def _pattern_message(name: str, loc: tuple[str | int, ...], value: Any) -> str:
    last = loc[-1]
    if last == "sha256":
        return f"{name} must be 64 lowercase hexadecimal digits"
    if last == "doi":
        return f"{name} '{value}' is not a DOI: write it as 10.<digits>/<suffix>, without 'doi:' or https://doi.org/"
    if last == "url":
        return f"{name} '{value}' is not a web address: write it as https://host.domain/path, without spaces"
    if isinstance(last, int) and len(loc) >= 2 and loc[-2] == "tags":
        return f"tag '{value}' must not contain spaces or commas"
    return f"{name} '{value}' must be a lowercase slug of letters, digits and dashes (e.g. 'pharm-alkaloids')"
