"""The item report flags a planted bad item: a key the strong learners miss, a distractor no one picks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kratom_quiz import services
from kratom_quiz.domain.study import Rating
from kratom_quiz.errors import UserError
from kratom_quiz.services import analysis
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck

GOOD = [f"q{j}" for j in range(8)]
CHOICES = ("Mitragynine", "Caffeine", "Morphine")  # the conftest card's options; the key is the first


def _class_answers(db: Database) -> None:
    """12 learners of rising ability. Good items: the abler get them right. The planted item's key is
    wrong: the abler half pick 'Truly right' (a distractor), the rest the key; 'Nobody' is never picked."""
    bad = replace(card("bad"), choices=("Keyed", "Truly right", "Nobody"), answers=("Keyed",))
    services.sync_decks(db, [deck(*(card(c) for c in GOOD), bad)])
    for i in range(12):
        learner = services.add_learner(db, f"learner{i}")
        for j, cid in enumerate(GOOD):
            right = i > j * 1.2 + 1  # item j is harder the larger j is
            _say(db, learner.id, cid, CHOICES[0] if right else CHOICES[1 + (i + j) % 2], right)
        strong = i >= 6
        _say(db, learner.id, "bad", "Truly right" if strong else "Keyed", not strong)


def _say(db: Database, learner_id: int, card_id: str, text: str, right: bool) -> None:
    services.record_review(db, learner_id, ("pharm", card_id, 0), Rating.GOOD if right else Rating.AGAIN,
                           now=NOW, suggested=None, answer=text, correct=right, duration_ms=900)  # fmt: skip


def test_the_planted_bad_item_is_flagged_and_the_good_ones_are_not(db: Database) -> None:
    _class_answers(db)
    report = {st.info.key[1]: st for st in analysis.item_report(db)}
    bad = report["bad"]
    assert bad.answers == 12 and bad.difficulty == 0.5
    assert bad.discrimination is not None and bad.discrimination < -0.5
    assert any(f.startswith("negative discrimination") for f in bad.flags)
    assert "strong learners pick distractor 'Truly right' more than the key" in bad.flags
    assert "distractor never picked: 'Nobody'" in bad.flags
    assert {o.option: o.share for o in bad.options} == {"Keyed": 0.5, "Truly right": 0.5, "Nobody": 0.0}
    for cid in GOOD[1:7]:  # the easiest and hardest items may have no variance to correlate
        st = report[cid]
        assert st.discrimination is not None and st.discrimination > 0.3, (cid, st)
        assert not any("discrimination" in f for f in st.flags), (cid, st.flags)
    assert report["q0"].difficulty is not None and report["q0"].difficulty > report["q6"].difficulty  # type: ignore[operator]


def test_only_first_answers_count(db: Database) -> None:
    services.sync_decks(db, [deck(card("a"))])
    ada = services.add_learner(db, "ada")
    _say(db, ada.id, "a", "Caffeine", False)
    _say(db, ada.id, "a", "Mitragynine", True)  # a second answer, after seeing the feedback
    [st] = analysis.item_report(db)
    assert (st.answers, st.difficulty) == (1, 0.0)
    assert {o.option: o.share for o in st.options}["Caffeine"] == 1.0


def test_learner_report_counts_each_learners_own_answers(db: Database) -> None:
    _class_answers(db)
    lines = {line.name: line for line in analysis.learner_report(db, NOW)}
    assert len(lines) == 12
    assert lines["learner0"].cards_studied == 9 and lines["learner0"].reviews == 9
    assert lines["learner0"].true_retention is None  # no review-state answers yet: nothing to measure


def test_a_decks_report_shows_its_items_scored_against_every_deck(db: Database) -> None:
    _class_answers(db)
    other = deck(card("x", deck_id="other"), deck_id="other", title="Other")
    services.sync_decks(db, [other], archive_missing=False)
    for i, learner in enumerate(services.list_learners(db)):
        right = i % 2 == 0
        services.record_review(db, learner.id, ("other", "x", 0), Rating.GOOD if right else Rating.AGAIN,
                               now=NOW, suggested=None, answer=CHOICES[0 if right else 1], correct=right,
                               duration_ms=900)  # fmt: skip
    every = analysis.item_report(db)
    pharm = analysis.item_report(db, "pharm")
    assert len(every) == 10 and len(pharm) == 9
    assert pharm == [st for st in every if st.info.key[0] == "pharm"]
    with pytest.raises(UserError, match="no deck 'nope' with active items"):
        analysis.item_report(db, "nope")
