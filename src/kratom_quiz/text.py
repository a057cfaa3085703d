"""Deck text made safe for a terminal: control characters removed, folded to one line when asked."""

from __future__ import annotations

import re

# C0 and C1 controls except newline and tab; ESC among them, so no escape sequence reaches the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: str) -> str:
    """``value`` without control characters (tabs become spaces)."""
    return _CONTROL.sub("", value.replace("\t", " "))


def one_line(value: str, width: int = 60) -> str:
    """``value`` cleaned, folded to one line and cut to ``width`` characters."""
    flat = " ".join(clean(value).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
