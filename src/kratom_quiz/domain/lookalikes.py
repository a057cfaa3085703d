"""Letters of other scripts that look like Latin ones: the one table for grading and the deck generator.

A learner on a Cyrillic or Greek keyboard layout (or pasting from a PDF) should not lose a point for them,
and vendor pages slip them into English words ("diverse" with a Cyrillic "e") to dodge duplicate-content
filters, which breaks matching and search. The letters are written by their Unicode names because they are
indistinguishable in source code. tests/domain/test_lookalikes.py checks every entry against Unicode's
confusables list (the copy the confusable-homoglyphs package ships).
"""

from __future__ import annotations

import unicodedata

# Cyrillic letter name -> the Latin letter its small form looks like (the capital: its capital).
_CYRILLIC = {
    "A": "a", "VE": "b", "ES": "c", "IE": "e", "IO": "e", "SHHA": "h", "EN": "h",
    "BYELORUSSIAN-UKRAINIAN I": "i", "YI": "i", "JE": "j", "KA": "k", "EM": "m", "O": "o", "ER": "p",
    "QA": "q", "DZE": "s", "TE": "t", "U": "y", "STRAIGHT U": "y", "HA": "x", "WE": "w", "IZHITSA": "v",
    "OMEGA": "w",
}  # fmt: skip
# Small Greek letters inside a word (grading spells a Greek letter standing alone out first: "μ" is "mu").
# Not mu: "μg" is micrograms, never "mg".
_GREEK_SMALL = {
    "ALPHA": "a", "BETA": "b", "EPSILON": "e", "ETA": "n", "IOTA": "i", "KAPPA": "k", "NU": "v",
    "OMICRON": "o", "RHO": "p", "TAU": "t", "UPSILON": "u", "CHI": "x", "OMEGA": "w", "GAMMA": "y",
    "SIGMA": "o",
}  # fmt: skip
_GREEK_CAPITAL = {
    "ALPHA": "A", "BETA": "B", "EPSILON": "E", "ZETA": "Z", "ETA": "H", "IOTA": "I", "KAPPA": "K",
    "MU": "M", "NU": "N", "OMICRON": "O", "RHO": "P", "TAU": "T", "UPSILON": "Y", "CHI": "X",
}  # fmt: skip
# (The lunate sigma looks like a c, but NFKC, which grading and the generator apply first, makes it a
# sigma, which looks like an o.)
# Letters whose other case looks like no Latin letter (capital ghe is no R), or that have no other case.
_OTHERS = {
    "CYRILLIC CAPITAL LETTER SOFT SIGN": "b",
    "CYRILLIC SMALL LETTER GHE": "r", "CYRILLIC SMALL LETTER KOMI DE": "d",
    "CYRILLIC SMALL LETTER ABKHASIAN CHE": "e", "CYRILLIC SMALL LETTER IOTA": "i",
    "CYRILLIC CAPITAL LETTER KOMI SJE": "G", "GREEK LETTER DIGAMMA": "F", "GREEK CAPITAL LETTER SAN": "M",
    "GREEK LETTER SMALL CAPITAL GAMMA": "r",
    "CYRILLIC LETTER PALOCHKA": "I", "CYRILLIC SMALL LETTER PALOCHKA": "i",
    "GREEK LETTER YOT": "j", "GREEK CAPITAL LETTER YOT": "J",
    "LATIN SMALL LETTER SCRIPT G": "g", "LATIN SMALL LETTER ALPHA": "a",
    # Turkish dotless i: its capital is plain "I", so without this a grade would depend on case.
    "LATIN SMALL LETTER DOTLESS I": "i",
}  # fmt: skip


def _letters() -> dict[str, str]:
    out = {unicodedata.lookup(name): latin for name, latin in _OTHERS.items()}
    for name, latin in _CYRILLIC.items():
        out[unicodedata.lookup(f"CYRILLIC SMALL LETTER {name}")] = latin
        out[unicodedata.lookup(f"CYRILLIC CAPITAL LETTER {name}")] = latin.upper()
    for case, table in (("SMALL", _GREEK_SMALL), ("CAPITAL", _GREEK_CAPITAL)):
        for name, latin in table.items():
            out[unicodedata.lookup(f"GREEK {case} LETTER {name}")] = latin
    return out


LOOKALIKES: dict[str, str] = _letters()
"""Each look-alike letter and the Latin letter it stands for (case kept where the script has cases)."""

TABLE = str.maketrans(LOOKALIKES)
"""``LOOKALIKES`` for ``str.translate``."""
