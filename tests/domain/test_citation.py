"""A card's source reads the same on every screen: a reference as a citation, a document by its section."""

from __future__ import annotations

from kratom_quiz.domain.citation import cite, reference_text
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, Source, SourceRef

REVIEW = Source(
    "schimmel-dart-2020",
    "Kratom (Mitragyna speciosa) liver injury: a comprehensive review",
    authors=("Schimmel J", "Dart RC"),
    publisher="Drugs",
    year=2020,
    doi="10.1007/s40265-019-01242-6",
    url="https://doi.org/10.1007/s40265-019-01242-6",
)
AGENCY = Source(
    "fda-kratom", "FDA and Kratom", publisher="U.S. Food and Drug Administration", url="https://www.fda.gov/k"
)
ARTICLE = Source("pain", "Kratom and pain", "a.txt", "0" * 64)


def _deck(*sources: Source) -> Deck:
    card = Card("d", "c", CardKind.BASIC, "Q?", "Because.", "t", Evidence.DEFINITION, SourceRef("pain", "x"))
    return Deck("d", "Deck", 1, (card,), sources)


def test_a_paper_reads_authors_year_title_journal_and_doi() -> None:
    assert reference_text(REVIEW) == (
        "Schimmel J, Dart RC (2020). Kratom (Mitragyna speciosa) liver injury: a comprehensive review. "
        "Drugs. doi:10.1007/s40265-019-01242-6"
    )


def test_an_agency_page_without_a_year_leads_with_the_agency_and_gives_its_address() -> None:
    assert (
        reference_text(AGENCY) == "U.S. Food and Drug Administration. FDA and Kratom. https://www.fda.gov/k"
    )


def test_a_long_author_list_is_cut_to_three_and_et_al() -> None:
    authors = ("A B", "C D", "E F", "G H")
    many = Source("mmwr", "Notes from the field?", authors=authors, year=2019, doi="10.1/x")
    assert reference_text(many) == "A B, C D, E F, et al. (2019). Notes from the field? doi:10.1/x"


def test_a_cited_page_comes_before_the_doi() -> None:
    line = cite(_deck(REVIEW), SourceRef("schimmel-dart-2020", "Clinical presentation"))
    assert line.endswith("Drugs. Clinical presentation. doi:10.1007/s40265-019-01242-6")


def test_a_local_document_reads_title_and_section() -> None:
    assert cite(_deck(ARTICLE), SourceRef("pain", "Adverse Effects")) == "Kratom and pain — Adverse Effects"


def test_a_section_that_is_the_title_is_not_repeated() -> None:
    assert cite(_deck(ARTICLE), SourceRef("pain", "kratom and pain")) == "Kratom and pain"


def test_an_undeclared_source_falls_back_to_its_id() -> None:
    assert cite(None, SourceRef("pain", "Adverse Effects")) == "pain — Adverse Effects"
