"""Issue 12, item 7: plain mode refuses what the app refuses, offers what its header offers, and grades with
the deck's terms; learner names are compared without case."""

from __future__ import annotations

import io
import random
from dataclasses import replace

import pytest

from kratom_quiz import services
from kratom_quiz.cli.plain import PlainSession
from kratom_quiz.clock import fixed_clock
from kratom_quiz.domain.model import CardKind, Deck
from kratom_quiz.domain.study import Learner
from kratom_quiz.errors import UserError
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck

KEY = ("pharm", "c1", 0)


def multi_deck() -> Deck:
    multi = replace(card("c1"), kind=CardKind.MULTI, choices=("Mitragynine", "Paynantheine", "Caffeine",
                    "Morphine"), answers=("Mitragynine", "Paynantheine"))  # fmt: skip
    return deck(multi)


def session(db: Database, learner: Learner, answers: str, the_deck: Deck | None = None,
            ) -> tuple[list[str], PlainSession]:  # fmt: skip
    the_deck = the_deck or deck(card("c1"))
    services.sync_decks(db, [the_deck])
    lines: list[str] = []
    plain = PlainSession(db, learner, fixed_clock(NOW), inp=io.StringIO(answers), out=lines.append,
                         decks=[the_deck], rng=random.Random(0))  # fmt: skip
    return lines, plain


def answers_stored(db: Database, learner: Learner) -> list[str]:
    return [entry.answer for entry in services.card_history(db, learner.id, KEY)]


def test_a_number_beyond_the_options_is_refused_and_asked_again(db: Database, learner: Learner) -> None:
    lines, plain = session(db, learner, "9\n0\n\nMitragynine\n\n")
    plain.run(limit=1, deck_id=None, practice=False)
    assert lines.count("Type a number from 1 to 3.") == 2
    assert "Type an answer first (or your best guess)." in lines  # an empty answer is asked again too
    assert answers_stored(db, learner) == ["Mitragynine"]  # only the real answer was graded


@pytest.mark.parametrize("bad", ["1,2,2,9", "1,2,2", "5", "1,x", "Mitragynine; Nicotine"])
def test_a_multi_answer_with_a_bad_or_repeated_number_is_refused(
    db: Database, learner: Learner, bad: str
) -> None:
    lines, plain = session(db, learner, f"{bad}\nMitragynine; Paynantheine\n\n", multi_deck())
    plain.run(limit=1, deck_id=None, practice=False)
    hint = "Type the numbers of the options you pick, each once, from 1 to 4 (e.g. 1,3)."
    assert lines.count(hint) == 1
    assert answers_stored(db, learner) == ["Mitragynine; Paynantheine"]


def test_a_true_false_answer_must_be_one_of_the_two(db: Database, learner: Learner) -> None:
    tf = replace(card("c1"), kind=CardKind.TRUEFALSE, choices=(), answers=(), truth=True)
    lines, plain = session(db, learner, "3\nmaybe\n1\n\n", deck(tf))
    plain.run(limit=1, deck_id=None, practice=False)
    assert lines.count("Type 1 (true) or 2 (false).") == 2
    assert answers_stored(db, learner) == ["True"]


def test_u_at_the_grade_prompt_takes_back_the_last_answer(db: Database, learner: Learner) -> None:
    two = deck(card("c1"), card("c2"))
    # Answer one card and accept; answer the next, then u at its grade prompt; then quit.
    lines, plain = session(db, learner, "Mitragynine\n\nMitragynine\nu\nq\n", two)
    plain.run(limit=None, deck_id=None, practice=False)
    assert any(line.startswith("Undid the answer to c") for line in lines)
    assert "Please press Enter or type 1, 2, 3 or 4 (u to undo the last answer, q to quit)." not in lines
    assert services.stats(db, learner.id, NOW).total_reviews == 0  # nothing of either answer is kept


def test_u_at_the_first_grade_prompt_has_nothing_to_undo(db: Database, learner: Learner) -> None:
    lines, plain = session(db, learner, "Mitragynine\nu\n\n")
    plain.run(limit=1, deck_id=None, practice=False)
    assert "Nothing to undo in this session." in lines
    assert answers_stored(db, learner) == ["Mitragynine"]  # the grade was asked again, then accepted


def test_practice_asks_for_no_grade(db: Database, learner: Learner) -> None:
    lines, plain = session(db, learner, "Caffeine\n")
    assert plain.run(limit=1, deck_id=None, practice=True) == 1
    assert not any(line.startswith("Grade:") for line in lines)
    assert "Session over: 1 answered, 0 right." in lines


class Interrupted(io.StringIO):
    """Input that is interrupted (Ctrl+C) after the lines given."""

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = super().readline()
        if not line:
            raise KeyboardInterrupt
        return line


def test_ctrl_c_prints_the_session_summary(db: Database, learner: Learner) -> None:
    the_deck = deck(card("c1"), card("c2"))
    services.sync_decks(db, [the_deck])
    lines: list[str] = []
    plain = PlainSession(db, learner, fixed_clock(NOW), inp=Interrupted("Mitragynine\n\n"), out=lines.append,
                         decks=[the_deck])  # fmt: skip
    with pytest.raises(KeyboardInterrupt):
        plain.run(limit=None, deck_id=None, practice=False)
    assert "Session over: 1 answered, 1 right." in lines


def test_plain_mode_grades_with_the_decks_terms(db: Database, learner: Learner) -> None:
    # "leafolene" (a made-up alkaloid) is one edit from the typed answer: a typo, unless the deck knows it
    # as another term.
    typed = replace(card("c1"), kind=CardKind.TYPED, choices=(), answers=("leafoline",))
    other = replace(card("c2"), choices=("leafolene", "Caffeine"), answers=("leafolene",))
    lines, plain = session(db, learner, "leafolene\n\n", deck(typed, other))
    plain.run(limit=1, deck_id=None, practice=False)
    assert "Question c1?" in lines  # new cards come in deck order
    assert "Wrong." in lines
    assert "Accepted with a typo: expected leafoline" not in lines


def test_learner_names_are_compared_without_case(db: Database, learner: Learner) -> None:
    with pytest.raises(UserError, match="already exists"):
        services.add_learner(db, "ADA")
    assert services.find_learner(db, "Ada").id == learner.id
    other = services.add_learner(db, "Sam")
    with pytest.raises(UserError, match="already exists"):
        services.rename_learner(db, other.id, "ada")
    assert services.rename_learner(db, other.id, "sam").name == "sam"  # a new case of one's own name
