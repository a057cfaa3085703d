"""Pydantic v2 schema of a deck file; the JSON Schema for editors is generated from it."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic import Tag as Kind
from pydantic_core import PydanticCustomError

from kratom_quiz.domain.model import Evidence

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Choices = Annotated[list[Short], Field(min_length=2, max_length=9)]
Tag = Annotated[str, StringConstraints(pattern=r"^[^\s,]+$", max_length=60)]
LintCode = Annotated[str, StringConstraints(pattern=r"^KQ[0-9]{3}$")]
EvidenceLevel = Literal["regulatory", "clinical-trial", "observational", "preclinical", "claim", "definition"]

assert set(EvidenceLevel.__args__) == {e.value for e in Evidence}  # type: ignore[attr-defined]


class Strict(BaseModel):
    """Base: unknown fields refused, no type coercion, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SourceSpec(Strict):
    """A local document the deck draws on: a file in the sources folder."""

    id: Slug = Field(description="Id that cards cite as source.doc.")
    title: Short = Field(description="The document's title.")
    file: Short = Field(description="The document's file name in the sources folder.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the document's text, to notice when it changes."
    )


# A DOI as registered: "10.", a registrant code of digits (dots allowed), "/", a suffix without spaces.
DOI = r"^10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+$"
# An absolute web address with a host name that has a dot; no spaces.
URL = r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?::[0-9]{1,5})?(?:[/?#]\S*)?$"
FIRST_YEAR = 1800


class ReferenceSpec(Strict):
    """A published work the deck cites: an agency page or report, or a peer-reviewed paper."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {"anyOf": [{"required": ["authors"]}, {"required": ["publisher"]}]},
                {"anyOf": [{"required": ["doi"]}, {"required": ["url"]}]},
            ]
        }
    )

    id: Slug = Field(description="Id that cards cite as source.doc.")
    title: Short = Field(description="The work's title, as published.")
    authors: Annotated[list[Short], Field(min_length=1, max_length=30)] | None = Field(
        default=None, description="Authors as 'Surname Initials' (e.g. 'Schimmel J'), in the published order."
    )
    publisher: Short | None = Field(
        default=None,
        description="The agency, journal or body that published it, e.g. 'U.S. Food and Drug Administration'",
    )
    year: Annotated[int, Field(ge=FIRST_YEAR)] | None = Field(
        default=None, description="Year of publication (or of the page's last update)."
    )
    doi: Annotated[str, StringConstraints(pattern=DOI, max_length=300)] | None = Field(
        default=None, description="The DOI without a prefix, e.g. 10.1007/s40265-019-01242-6."
    )
    url: Annotated[str, StringConstraints(pattern=URL, max_length=1000)] | None = Field(
        default=None, description="Where the work can be read: an http(s) address."
    )

    @field_validator("year")
    @classmethod
    def _not_future(cls, year: int | None) -> int | None:
        # A paper in press may carry next year's date; later than that is a typing slip.
        if year is not None and year > date.today().year + 1:
            raise PydanticCustomError("reference_year", "year {year} is in the future", {"year": year})
        return year

    @model_validator(mode="after")
    def _complete(self) -> ReferenceSpec:
        # Cross-field rules, so a reader can find the work and knows whose it is.
        if not self.authors and not self.publisher:
            raise PydanticCustomError("reference_who", "a reference needs authors or a publisher")
        if not self.doi and not self.url:
            raise PydanticCustomError("reference_where", "a reference needs a doi or a url")
        return self


def source_kind(value: Any) -> str:
    """'document' for an entry with a file or sha256, else 'reference' (picks the model to validate with)."""
    if isinstance(value, dict):
        return "document" if "file" in value or "sha256" in value else "reference"
    return "document" if isinstance(value, SourceSpec) else "reference"


SourceEntry = Annotated[
    Union[Annotated[SourceSpec, Kind("document")], Annotated[ReferenceSpec, Kind("reference")]],  # noqa: UP007
    Discriminator(source_kind),
]


class SourceRefSpec(Strict):
    """Where a card's content comes from: a declared source and, for a local document, its section."""

    doc: Slug = Field(description="A source id declared in the deck's sources.")
    section: Short | None = Field(
        default=None,
        description="The section heading in a local document (required there); a page or part of a reference",
    )


class CardBase(Strict):
    """Fields every card has."""

    id: Slug = Field(description="Stable id, unique in the deck, never reused.")
    prompt: Text = Field(description="The question or statement shown to the learner.")
    explanation: Text = Field(description="Why the answer is right, with the evidence status of any claim.")
    topic: Slug = Field(description="The topic, for stats and practice filters.")
    evidence: EvidenceLevel = Field(description="How strong the support for this content is.")
    source: SourceRefSpec
    tags: list[Tag] = Field(default_factory=list, description="Free tags, no spaces.")
    related: list[Slug] = Field(
        default_factory=list,
        description="Ids of cards that would hand this card's answer away (or the reverse); "
        "the app does not show them back to back.",
    )
    lint_ignore: list[LintCode] = Field(
        default_factory=list,
        alias="lint-ignore",
        description="Codes of `kratom-quiz decks lint` this card is a deliberate exception to, e.g. KQ101.",
    )


class McqCard(CardBase):
    """Multiple choice with exactly one right answer."""

    type: Literal["mcq"]
    choices: Choices
    answer: Short = Field(description="The right choice, written exactly as in choices.")
    rationale: dict[str, Text] = Field(
        default_factory=dict, description="Per choice: why it is right or wrong."
    )


class MultiCard(CardBase):
    """Multiple choice with two or more right answers."""

    type: Literal["multi"]
    choices: Choices
    answers: list[Short] = Field(description="The right choices (two or more), as written in choices.")
    rationale: dict[str, Text] = Field(
        default_factory=dict, description="Per choice: why it is right or wrong."
    )


class TrueFalseCard(CardBase):
    """A statement (the prompt) and its truth value."""

    type: Literal["truefalse"]
    answer: bool = Field(description="true or false (yes/no/on/off are not booleans here).")


class ClozeCard(CardBase):
    """A prompt with Anki cloze deletions: {{c1::text}} or {{c1::text::hint}}."""

    type: Literal["cloze"]


class TypedCard(CardBase):
    """A short typed answer."""

    type: Literal["typed"]
    answer: Short
    accept: list[Short] = Field(default_factory=list, description="Other answers that also count as right.")


class BasicCard(CardBase):
    """Front (prompt) and back; the learner grades themselves."""

    type: Literal["basic"]
    back: Text


CardSpec = Annotated[
    McqCard | MultiCard | TrueFalseCard | ClozeCard | TypedCard | BasicCard, Field(discriminator="type")
]
CARD_MODELS: dict[str, type[CardBase]] = {
    "mcq": McqCard,
    "multi": MultiCard,
    "truefalse": TrueFalseCard,
    "cloze": ClozeCard,
    "typed": TypedCard,
    "basic": BasicCard,
}
CARD_TYPES = tuple(CARD_MODELS)


class DeckHeader(Strict):
    """A deck file's fields other than its cards (validated on their own, so each card reports its errors)."""

    id: Slug = Field(description="Stable deck id, unique across all deck files.")
    title: Short
    description: Annotated[str, StringConstraints(max_length=4000)] = ""
    version: Annotated[int, Field(ge=1)] = Field(description="Bumped by the author on each release.")
    sources: list[SourceEntry] = Field(default_factory=list)
    accept: dict[Short, list[Short]] = Field(
        default_factory=dict,
        description="Other names of a term (abbreviations, synonyms) that count as the term in every typed"
        " and cloze answer of the deck, and the reverse: {opioid use disorder: [OUD]}.",
    )
    cards: Annotated[list[Any], Field(min_length=1)]


class DeckSpec(DeckHeader):
    """A deck file."""

    model_config = ConfigDict(title="kratom-quiz deck")

    cards: Annotated[list[CardSpec], Field(min_length=1)]


def json_schema() -> dict[str, Any]:
    """The deck JSON Schema, as committed in schema/deck.schema.json."""
    schema = DeckSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://kratom-quiz.invalid/deck.schema.json"
    return schema


def json_schema_text() -> str:
    """The JSON Schema as stable, pretty text with a trailing newline."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
