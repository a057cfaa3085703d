"""The Anki note's Source field cites a published reference as the study screens do."""

from __future__ import annotations

from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, Source, SourceRef
from kratom_quiz.exporters.notes import to_note

REVIEW = Source(
    "review",
    "Kratom (Mitragyna speciosa) liver injury: a comprehensive review",
    authors=("Schimmel J", "Dart RC"),
    year=2020,
    doi="10.1007/s40265-019-01242-6",
)


def _source_field(source: Source, section: str) -> str:
    card = Card(
        "d", "c", CardKind.TRUEFALSE, "Kratom & liver?", "Case reports.", "liver", Evidence.OBSERVATIONAL,
        SourceRef(source.id, section), truth=True,
    )  # fmt: skip
    note = to_note(Deck("d", "Deck", 1, (card,), (source,)), card)
    return dict(zip(note.note_type.fields, note.fields, strict=True))["Source"]


def test_a_reference_is_cited_with_authors_year_title_and_doi() -> None:
    assert _source_field(REVIEW, "") == (
        "Schimmel J, Dart RC (2020). Kratom (Mitragyna speciosa) liver injury: a comprehensive review. "
        "doi:10.1007/s40265-019-01242-6"
    )


def test_a_reference_title_is_escaped_as_html() -> None:
    agency = Source("fda", "Kratom <risks> & FDA", publisher="FDA", url="https://www.fda.gov/a?b=1&c=2")
    assert (
        _source_field(agency, "") == "FDA. Kratom &lt;risks&gt; &amp; FDA. https://www.fda.gov/a?b=1&amp;c=2"
    )
