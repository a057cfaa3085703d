"""The one look-alike table, checked against Unicode's confusables list (the copy that the
confusable-homoglyphs package ships: confusables.json, made from Unicode's confusables.txt)."""

from __future__ import annotations

import json
import string
import unicodedata
from functools import cache
from pathlib import Path

import confusable_homoglyphs
import pytest

from kratom_quiz.domain.grading import normalize
from kratom_quiz.domain.lookalikes import LOOKALIKES
from kratom_quiz.generate.clean import fix_lookalikes

# Hand-checked: these look like the Latin letter in common fonts, but Unicode's list pairs them with none.
HAND_CHECKED = {
    "\N{GREEK SMALL LETTER ETA}": "n",  # drawn like an n with a long right leg
    "\N{GREEK SMALL LETTER OMEGA}": "w",  # a rounded w
}


@cache
def confusables() -> dict[str, frozenset[str]]:
    """Each character and the single characters Unicode lists as confusable with it."""
    path = Path(confusable_homoglyphs.__file__).parent / "confusables.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: frozenset(e["c"] for e in v if len(e["c"]) == 1) for k, v in data.items()}


def listed(a: str, b: str) -> bool:
    """Unicode lists ``a`` and ``b`` as confusable, directly or through one Latin letter (I and l)."""
    table = confusables()

    def direct(x: str, y: str) -> bool:
        return x == y or x in table.get(y, ()) or y in table.get(x, ())

    return direct(a, b) or any(direct(a, x) and direct(x, b) for x in string.ascii_letters)


def justified(src: str, latin: str) -> bool:
    """The entry is Unicode's, or its other case is, or the letter is one of those plus accents."""
    if listed(src, latin) or HAND_CHECKED.get(src) == latin:
        return True
    if listed(src.upper(), latin.upper()) or listed(src.lower(), latin.lower()):
        return True
    base = unicodedata.normalize("NFD", src)[0]
    return base != src and LOOKALIKES.get(base) == latin


@pytest.mark.parametrize("src", sorted(LOOKALIKES), ids=lambda c: unicodedata.name(c))
def test_every_entry_is_a_confusable(src: str) -> None:
    assert justified(src, LOOKALIKES[src]), f"{unicodedata.name(src)} -> {LOOKALIKES[src]}"


def test_every_cyrillic_or_greek_confusable_letter_is_in_the_table() -> None:
    """Completeness: a Cyrillic or Greek letter Unicode pairs with a Latin letter is mapped (after NFKC,
    which both grading and the generator apply first)."""
    missing = []
    for latin in string.ascii_letters:
        for c in confusables().get(latin, ()):
            name = unicodedata.name(c, "")
            if not name.startswith(("CYRILLIC", "GREEK")) or "LETTER" not in name:
                continue
            folded = unicodedata.normalize("NFKC", c)
            if folded.casefold() == latin.casefold() or {folded, folded.casefold()} & LOOKALIKES.keys():
                continue
            missing.append(f"{name} ({latin})")
    assert not missing


def test_grading_and_generator_use_the_same_letters() -> None:
    word = "div\N{CYRILLIC SMALL LETTER IE}rs\N{CYRILLIC SMALL LETTER IE}"
    assert normalize(word) == fix_lookalikes(word) == "diverse"
    for src, latin in LOOKALIKES.items():
        assert fix_lookalikes(f"a{src}a") == f"a{latin}a"
        small = src.casefold()
        if small == src:
            assert normalize(f"a{src}a") == f"a{latin}a"
        else:  # grading never depends on case: a capital reads as its small letter
            assert normalize(f"a{src}a") == normalize(f"a{small}a")


def test_greek_words_and_micro_are_left_alone() -> None:
    # A word wholly in Greek is not English with look-alikes; "μg" is micrograms, never "mg".
    assert fix_lookalikes("\N{GREEK SMALL LETTER ALPHA}\N{GREEK SMALL LETTER BETA}") == "αβ"
    assert "m" not in normalize("5 \N{MICRO SIGN}g")
