"""Property tests for answer normalising and grading."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from kratom_quiz.domain.grading import damerau_levenshtein, grade, normalize
from kratom_quiz.domain.model import Card, CardKind, Evidence, SourceRef, StudyItem

# Latin letters and look-alikes from other scripts, written as escapes (independent of the module's table).
CYRILLIC = {"a": "\u0430", "c": "\u0441", "e": "\u0435", "i": "\u0456", "j": "\u0458", "o": "\u043e",
            "p": "\u0440", "s": "\u0455", "x": "\u0445", "y": "\u0443"}  # fmt: skip
GREEK = {"a": "\u03b1", "i": "\u03b9", "k": "\u03ba", "o": "\u03bf", "p": "\u03c1", "t": "\u03c4",
         "x": "\u03c7"}  # fmt: skip
LATIN = "abcdefghijklmnopqrstuvwxyz"

words = st.lists(st.text(LATIN, min_size=2, max_size=12), min_size=1, max_size=5)
texts = st.text(max_size=40)


def make_card(kind: CardKind, prompt: str = "Question?", **fields: object) -> Card:
    return Card("d", "c", kind, prompt, "", "t", Evidence.CLAIM, SourceRef("doc", "s"), **fields)  # type: ignore[arg-type]


@given(texts)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(alphabet=st.characters(max_codepoint=127)))
@example("1,000.5 mg; 1.,2 1,.2 Anki's `x` 3.14.15")
def test_ascii_fast_path_normalises_like_the_full_one(text: str) -> None:
    from kratom_quiz.domain.answerkey import _ascii_words, _words

    assert _ascii_words(text).split() == _words(text).split()


@given(texts)
@example("\u0131")  # Turkish dotless i, whose upper case is plain "I"
@example("Stra\u00dfe")
def test_normalize_ignores_case(text: str) -> None:
    assert normalize(text.upper()) == normalize(text.lower()) == normalize(text)


@given(words, st.data())
def test_normalize_ignores_lookalike_letters(parts: list[str], data: st.DataObject) -> None:
    # Greek letters only inside words: a lone Greek letter is spelled out ("μ" is "mu") on purpose.
    table = data.draw(st.sampled_from([CYRILLIC, GREEK]))
    disguised = [
        "".join(table[c] if c in table and data.draw(st.booleans()) else c for c in word) for word in parts
    ]
    assert normalize(" ".join(disguised)) == normalize(" ".join(parts))


@given(words, st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u3000"]), min_size=1))
def test_normalize_ignores_extra_whitespace(parts: list[str], gaps: list[str]) -> None:
    spaced = "".join(word + gaps[i % len(gaps)] * 2 for i, word in enumerate(parts))
    assert normalize(f" {spaced} ") == normalize(" ".join(parts))


answer_texts = st.text(st.characters(exclude_characters="{}:;"), min_size=1, max_size=30).filter(str.strip)


@given(st.lists(answer_texts, min_size=1, max_size=3), st.integers(0, 120_000), st.booleans())
def test_expected_typed_answer_always_correct(answers: list[str], elapsed: int, known: bool) -> None:
    item = StudyItem(make_card(CardKind.TYPED, answers=tuple(answers)))
    for answer in answers:
        result = grade(item, answer, elapsed_ms=elapsed, known=known)
        assert result.correct, answer
        assert result.score == 1.0


@given(st.lists(answer_texts, min_size=1, max_size=4))
def test_expected_cloze_answer_always_correct(blanks: list[str]) -> None:
    prompt = "Fill: " + " and ".join(f"{{{{c1::{b}}}}}" for b in blanks)
    item = StudyItem(make_card(CardKind.CLOZE, prompt=prompt), 1)
    assert grade(item, "; ".join(item.expected), elapsed_ms=0).correct


@given(
    st.lists(answer_texts, min_size=2, max_size=6, unique_by=lambda t: normalize(t)).flatmap(
        lambda choices: st.tuples(
            st.just(choices),
            st.sets(st.sampled_from(choices), min_size=1),
            st.sets(st.sampled_from(choices)),
        )
    )
)
def test_multi_score_in_unit_range(drawn: tuple[list[str], set[str], set[str]]) -> None:
    choices, answers, picks = drawn
    item = StudyItem(make_card(CardKind.MULTI, choices=tuple(choices), answers=tuple(sorted(answers))))
    result = grade(item, frozenset(picks), elapsed_ms=0)
    assert 0.0 <= result.score <= 1.0
    assert result.correct == (picks == answers)


@given(answer_texts, texts)
def test_typed_score_in_unit_range(expected: str, answer: str) -> None:
    result = grade(StudyItem(make_card(CardKind.TYPED, answers=(expected,))), answer, elapsed_ms=0)
    assert result.score in (0.0, 1.0)


def reference_osa(a: str, b: str) -> int:
    """Textbook optimal string alignment distance over a full table, for comparison."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(st.text("abcd", max_size=10), st.text("abcd", max_size=10), st.integers(0, 6))
def test_bounded_distance_matches_reference(a: str, b: str, limit: int) -> None:
    expected = min(reference_osa(a, b), limit + 1)
    assert damerau_levenshtein(a, b, limit) == expected == damerau_levenshtein(b, a, limit)
