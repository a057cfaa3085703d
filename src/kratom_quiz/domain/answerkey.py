"""Answer keys: what grading compares. Normalised text, number words as digits, one form for singular and
plural, and no gaps between words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kratom_quiz.domain.lookalikes import TABLE as LOOKALIKE_TABLE

# A lone Greek letter is a receptor or subunit name ("μ-opioid", "κ"), so it reads as its Latin name.
_GREEK_NAMES = {
    unicodedata.lookup(f"GREEK SMALL LETTER {'LAMDA' if n == 'lambda' else n.upper()}"): n
    for n in (
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    )
}  # fmt: skip
_LONE_GREEK = re.compile(r"(?<![^\W_])[\u03b1-\u03c9](?![^\W_])")
# Apostrophes are dropped without a gap: "Anki's" is "ankis", not "anki s".
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bc\u00b4]")
_ARTICLES = frozenset({"the", "a", "an"})


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Reduce an answer to a canonical form for comparison.

    NFKC, casefold, accents dropped, a lone Greek letter spelled out ("μ" is "mu"), look-alike
    Cyrillic/Greek letters mapped to Latin (the generator's table), apostrophes dropped, every other
    punctuation mark or symbol (quotes, all dashes and hyphens, slashes) turned into a space,
    whitespace collapsed and leading articles removed ("the FDA" is "fda"). Digits are kept; a '.'
    between digits stays (a decimal point) and a ',' between digits goes (a thousands separator).

    Hyphens become spaces, so "7-hydroxymitragynine" normalises to "7 hydroxymitragynine"; grading
    then compares answers with the spaces between words removed (see :func:`answer_key`), so
    "7hydroxymitragynine" matches too.
    """
    words = (_ascii_words(text) if text.isascii() else _words(text)).split()
    # Strip articles only while something else is left, so "the" alone stays "the" (and stays idempotent).
    while len(words) > 1 and words[0] in _ARTICLES:
        words.pop(0)
    return unicodedata.normalize("NFC", " ".join(words))


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")
    text = _LONE_GREEK.sub(lambda m: _GREEK_NAMES.get(m.group(0), m.group(0)), text)
    # After casefolding, so the grade never depends on case: a capital reads as its small letter.
    text = _APOSTROPHES.sub("", text.translate(LOOKALIKE_TABLE))
    out: list[str] = []
    for i, c in enumerate(text):
        cat = unicodedata.category(c)
        if c in ".," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            out.append("." if c == "." else "")
        elif cat[0] in "PSZC":
            out.append(" ")
        else:
            out.append(c)
    return "".join(out)


# The same for plain ASCII text (most answers and terms), ten times faster: a deck of 20,000 terms is
# keyed in a fraction of a second. tests/domain/test_grading_properties.py checks both give the same.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d)")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_KEPT_POINT = "\ue000"  # a private-use character stands for a decimal point while punctuation goes
_ASCII_GAPS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def _ascii_words(text: str) -> str:
    text = _DECIMAL.sub(_KEPT_POINT, _THOUSANDS.sub("", text.lower().replace("'", "").replace("`", "")))
    return text.translate(_ASCII_GAPS).replace(_KEPT_POINT, ".")


# Number words read as digits, so "three months" is "3 months" and "twenty-four hours" is "24 hours".
_UNITS = {
    w: n for n, w in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ))
}  # fmt: skip
_TENS = {
    w: 10 * n
    for n, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2)
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

# Plurals that do not end in a plain "s", read as their singular.
_IRREGULAR = {
    "mice": "mouse", "lice": "louse", "geese": "goose", "teeth": "tooth", "feet": "foot", "men": "man",
    "women": "woman", "children": "child", "people": "person", "oxen": "ox", "criteria": "criterion",
    "phenomena": "phenomenon", "bacteria": "bacterium", "fungi": "fungus", "nuclei": "nucleus",
    "stimuli": "stimulus", "foci": "focus", "loci": "locus", "radii": "radius", "alumni": "alumnus",
    "indices": "index", "matrices": "matrix", "appendices": "appendix", "vertices": "vertex",
    "larvae": "larva", "vertebrae": "vertebra", "formulae": "formula", "data": "datum", "media": "medium",
}  # fmt: skip
# Words that end like a plural but are one thing (or the same in both numbers): left as they are.
_INVARIANT = frozenset((
    "species", "series", "news", "means", "diabetes", "herpes", "rabies", "scabies", "measles", "mumps",
    "sheep", "fish", "deer", "aircraft", "physics", "ethics", "economics",
))  # fmt: skip
# After a plural ending is taken off, these endings of a singular are written one way, so that the two
# meet: calorie/calories -> calory, headache/headaches -> headach, leaf/leaves -> leave,
# analysis/analyses -> analyse, virus/viruses -> viruse. The form need not be a word: it is only compared.
_PLURAL_ENDINGS = (("sses", "ss"), ("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("zes", "z"),
                   ("oes", "o"), ("ves", "ve"), ("ses", "se"))  # fmt: skip
_SINGULAR_ENDINGS = (("ie", "y"), ("che", "ch"), ("she", "sh"), ("xe", "x"), ("ze", "z"), ("oe", "o"),
                     ("fe", "ve"), ("sis", "se"))  # fmt: skip


def _is_number_word(words: list[str]) -> bool:
    return bool(words) and (words[0] in _UNITS or words[0] in _TENS)


def _numbers(words: list[str]) -> list[str]:
    """Runs of number words as one number in digits ("one hundred and five" is "105")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        total, current, j = 0, 0, i
        while j < len(words):
            w = words[j]
            if w in _UNITS or w in _TENS:
                current += _UNITS.get(w, 0) + _TENS.get(w, 0)
            elif w in _SCALES and j > i:
                scale = _SCALES[w]
                current = max(current, 1) * scale
                if scale >= 1_000:
                    total, current = total + current, 0
            elif w == "and" and j > i and _is_number_word(words[j + 1 : j + 2]):
                pass  # "one hundred and five"
            else:
                break
            j += 1
        if j == i:
            out.append(words[i])
            i += 1
        else:
            out.append(str(total + current))
            i = j
    return out


@lru_cache(maxsize=4096)
def singular(word: str) -> str:
    """One form for a word's singular and plural: "mice" and "mouse" both give "mouse".

    Short words (under 4 letters: "cns", "gas", "bus") and words with digits are left alone, so an
    abbreviation ending in s keeps it.
    """
    word = _IRREGULAR.get(word, word)
    # Every rule below is about a word ending in s, e or f: the rest (most words) leave at once.
    if word[-1:] not in ("s", "e", "f") or len(word) < 4 or not word.isalpha() or word in _INVARIANT:
        return word
    if word[-1] == "s":
        for plural, stem in _PLURAL_ENDINGS:
            if word.endswith(plural):
                word = word[: -len(plural)] + stem
                break
        else:
            # "-is" is a plural of a word in "i" ("SSRIs") unless it is "-sis" ("analysis").
            if not word.endswith(("ss", "us", "as", "sis")):
                word = word[:-1]
    for ending, canonical in _SINGULAR_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + canonical
    if word.endswith("f") and not word.endswith("ff"):
        return word[:-1] + "ve"
    if word.endswith(("us", "as")):
        return word + "e"
    return word


@lru_cache(maxsize=16384)
def key_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as grading compares them: normalised, numbers in digits, singular."""
    return tuple(singular(w) for w in _numbers(normalize(text).split()))


def answer_key(text: str) -> str:
    """The key words without gaps (except between two numbers): what grading compares.

    "Three months", "3 months" and "3 month" share a key, as do "mice" and "mouse".
    """
    return _INNER_SPACE.sub("", " ".join(key_words(text)))


def short_words(text: str) -> tuple[str, ...]:
    """The key words under 5 letters that are not numbers ("m" of "M. speciosa", "i" of "Schedule I").

    A word this short gets no typo budget of its own, so a typo may never change, drop or add one.
    """
    return tuple(w for w in key_words(text) if len(w) < 5 and not w.isdigit())


_INNER_SPACE = re.compile(r"(?<!\d) | (?!\d)")
