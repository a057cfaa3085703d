"""Errors a user can cause, each with a one-line message meant to be shown as it is."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user (a file, a flag, a database): shown as one line, never as a traceback."""


class DeckError(UserError):
    """One or more deck files are invalid; ``lines`` holds one message per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0] if len(lines) == 1 else f"{len(lines)} problems in deck files")
        self.lines = lines
