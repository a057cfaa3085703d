"""The plain study loop as a screen-reader user meets it: shuffled numbered choices and clear feedback."""

from __future__ import annotations

import io
import random
from dataclasses import replace

from kratom_quiz import services
from kratom_quiz.cli.plain import PlainSession
from kratom_quiz.clock import fixed_clock
from kratom_quiz.domain.model import Source
from kratom_quiz.domain.study import Learner, Rating
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck

ARTICLE = Source("doc", "An article on kratom", "a.txt", "0" * 64)


def _session(
    db: Database, learner: Learner, answers: str, seed: int, source: Source = ARTICLE
) -> tuple[list[str], PlainSession]:
    mcq = replace(card("c1"), rationale=(("Caffeine", "The stimulant of coffee, not a kratom alkaloid."),))
    the_deck = replace(deck(mcq), sources=(source,))
    services.sync_decks(db, [the_deck])
    lines: list[str] = []
    session = PlainSession(
        db, learner, fixed_clock(NOW), inp=io.StringIO(answers), out=lines.append, decks=[the_deck],
        rng=random.Random(seed),
    )  # fmt: skip
    return lines, session


def _number_of(lines: list[str], choice: str) -> str:
    return next(line.split(".")[0].strip() for line in lines if line.endswith(f". {choice}"))


def test_a_number_picks_the_choice_shown_under_it(db: Database, learner: Learner) -> None:
    for seed in range(6):  # several shuffles, so the right answer stands at different numbers
        probe, session = _session(db, learner, "", seed)
        session.show(services.next_card(db, learner.id, NOW).item, "Card")  # type: ignore[union-attr]
        number = _number_of(probe, "Caffeine")
        lines, session = _session(db, learner, f"{number}\n\nq\n", seed)
        session.run(limit=1, deck_id=None, practice=False)
        text = "\n".join(lines)
        assert "Wrong.\nYour answer: Caffeine\nRight answer: Mitragynine" in text
        assert "About 'Caffeine': The stimulant of coffee, not a kratom alkaloid." in text
        assert "Why: Because of c1." in text
        assert "Source: An article on kratom — Section (Definition)" in text
        services.undo_last(db, learner.id)


def test_a_reference_is_shown_as_a_citation_after_the_answer(db: Database, learner: Learner) -> None:
    review = Source(
        "doc", "Kratom liver injury: a review", authors=("Schimmel J", "Dart RC"), year=2020, doi="10.1007/x1"
    )
    lines, session = _session(db, learner, "Mitragynine\n\nq\n", seed=1, source=review)
    session.run(limit=1, deck_id=None, practice=False)
    expected = "Source: Schimmel J, Dart RC (2020). Kratom liver injury: a review. Section. doi:10.1007/x1"
    assert f"{expected} (Definition)" in "\n".join(lines)


def test_the_review_log_keeps_the_answer_text_not_the_number(db: Database, learner: Learner) -> None:
    lines, session = _session(db, learner, "Mitragynine\n\n", seed=1)
    session.run(limit=1, deck_id=None, practice=False)
    history = services.card_history(db, learner.id, ("pharm", "c1", 0))
    assert [entry.answer for entry in history] == ["Mitragynine"]
    assert "Right.\nYour answer: Mitragynine" in "\n".join(lines)


def test_undo_never_reaches_into_an_earlier_session(db: Database, learner: Learner) -> None:
    lines, session = _session(db, learner, "Mitragynine\n\n", seed=2)
    session.run(limit=1, deck_id=None, practice=False)  # yesterday's session, say
    lines, later = _session(db, learner, "u\nq\n", seed=2)
    later.run(limit=None, deck_id=None, practice=False)
    assert "Nothing to undo in this session." in lines
    assert len(services.card_history(db, learner.id, ("pharm", "c1", 0))) == 1


def test_the_evidence_level_is_shown_only_after_the_answer(db: Database, learner: Learner) -> None:
    for practice in (False, True):
        lines, session = _session(db, learner, "Mitragynine\n\nq\n", seed=3)
        session.run(limit=1, deck_id=None, practice=practice)
        answer_at = next(i for i, line in enumerate(lines) if line.startswith("Right"))
        before, after = "\n".join(lines[:answer_at]), "\n".join(lines[answer_at:])
        assert "Question c1?" in before
        assert "Definition" not in before
        assert "(Definition)" in after


class _OtherWindowBefore(io.StringIO):
    """Input that, just before the learner types ``u``, has another window answer another card."""

    def __init__(self, text: str, db: Database, learner: Learner) -> None:
        super().__init__(text)
        self.db, self.learner = db, learner

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]  # typeshed: bytes
        line = super().readline() if size is None else super().readline(size)
        if line.strip() == "u":
            services.record_review(
                self.db, self.learner.id, ("pharm", "c2", 0), Rating.GOOD, now=NOW, suggested=Rating.GOOD,
                answer="Mitragynine", correct=True, duration_ms=900, review_id="other-window",
            )  # fmt: skip
        return line


def test_undo_takes_back_this_sessions_answer_not_another_windows(db: Database, learner: Learner) -> None:
    the_deck = deck(card("c1"), card("c2"))
    services.sync_decks(db, [the_deck])
    lines: list[str] = []
    session = PlainSession(
        db, learner, fixed_clock(NOW), inp=_OtherWindowBefore("Mitragynine\n\nu\nq\n", db, learner),
        out=lines.append, decks=[the_deck], rng=random.Random(4),
    )  # fmt: skip
    session.run(limit=None, deck_id=None, practice=False)
    first = next(line for line in lines if line.startswith("Undid the answer to"))
    mine = first.removeprefix("Undid the answer to ").rstrip(".")
    other = "c2" if mine == "c1" else "c1"
    assert services.card_history(db, learner.id, ("pharm", mine, 0)) == []
    assert [e.review_id for e in services.card_history(db, learner.id, ("pharm", other, 0))] == [
        "other-window"
    ]


def test_overriding_a_wrong_answer_to_good_stores_it_as_right(db: Database, learner: Learner) -> None:
    lines, session = _session(db, learner, "Caffeine\n3\nq\n", seed=5)
    session.run(limit=1, deck_id=None, practice=False)
    (entry,) = services.card_history(db, learner.id, ("pharm", "c1", 0))
    assert entry.rating is Rating.GOOD and entry.correct is True
    assert "Session over: 1 answered, 1 right." in lines
