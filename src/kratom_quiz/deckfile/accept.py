"""Checks of a deck's ``accept`` table: its abbreviations and synonyms, each a name of one term only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kratom_quiz.domain.answerkey import answer_key


def accept_problems(accept: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Where (a path into the file) and what is wrong with the table.

    A name declared for two terms, or one that is another term of the table, would make two terms one
    answer in grading; a name that is the term itself says nothing.
    """
    if not isinstance(accept, dict):
        return  # the schema reports the wrong shape
    terms = {answer_key(t): t for t in accept if isinstance(t, str)}
    owner: dict[str, str] = {}
    for term, forms in accept.items():
        if not isinstance(term, str) or not isinstance(forms, list):
            continue
        for j, form in enumerate(forms):
            if not isinstance(form, str):
                continue
            key = answer_key(form)
            if key == answer_key(term):
                yield ("accept", term, j), f"'{form}' is the term itself"
            elif owner.setdefault(key, term) != term:
                yield ("accept", term, j), f"'{form}' is already a name of '{owner[key]}'"
            elif key in terms:
                yield ("accept", term, j), f"'{form}' is another term of this table ('{terms[key]}')"
