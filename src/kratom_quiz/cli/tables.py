"""The CLI's one way of printing a table: columns padded to their widest cell, two spaces apart."""

from __future__ import annotations

from collections.abc import Sequence

import typer


def table_lines(rows: Sequence[Sequence[str]], *, indent: str = "") -> list[str]:
    """``rows`` (the first is usually the header) as aligned lines, trailing spaces dropped."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        (indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))).rstrip()
        for row in rows
    ]


def print_table(rows: Sequence[Sequence[str]], *, indent: str = "") -> None:
    """Print ``rows`` as an aligned table."""
    for line in table_lines(rows, indent=indent):
        typer.echo(line)
