"""Anki cloze syntax: deletions, hints and the study items they make."""

from __future__ import annotations

from kratom_quiz.domain import cloze
from kratom_quiz.domain.model import Card, CardKind, Evidence, SourceRef, study_items

TEXT = "Kratom grows in {{c1::Southeast Asia}} and belongs to the {{c2::coffee::plant family}} family."


def test_each_deletion_number_is_a_study_item() -> None:
    card = Card("d", "c", CardKind.CLOZE, TEXT, "why", "botany", Evidence.DEFINITION, SourceRef("s", "S"))
    items = study_items(card)
    assert [i.ordinal for i in items] == [1, 2]
    assert items[0].question == "Kratom grows in [...] and belongs to the coffee family."
    assert items[1].question == "Kratom grows in Southeast Asia and belongs to the [plant family] family."
    assert items[1].expected == ("coffee",)
    assert items[0].answer_text == "Kratom grows in Southeast Asia and belongs to the coffee family."


def test_same_number_twice_hides_both() -> None:
    text = "{{c1::Mitragynine}} and {{c1::7-hydroxymitragynine}} are alkaloids; {{c2::kappa}} is a receptor."
    assert cloze.ordinals(text) == [1, 2]
    assert cloze.answers(text, 1) == ["Mitragynine", "7-hydroxymitragynine"]
    assert cloze.render_question(text, 1) == "[...] and [...] are alkaloids; kappa is a receptor."


def test_malformed_deletions_are_found() -> None:
    for bad in ["{{c1:text}}", "{{c1::}}", "{{c0::x}}", "{{c1::x}", "x }} y {{c1::z}}", "{{c1::a::b::c}}"]:
        assert cloze.problems(bad), bad
    missing = cloze.ClozeProblem(0, "cloze text has no deletion (write {{c1::text}})")
    assert cloze.problems("plain text") == [missing]
    assert cloze.problems(TEXT) == []
