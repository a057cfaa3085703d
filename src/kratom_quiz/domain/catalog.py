"""What the app keeps of a deck while studying: its header, sources and topics, not its cards."""

from __future__ import annotations

from dataclasses import dataclass

from kratom_quiz.domain.model import Deck, Source


@dataclass(frozen=True, slots=True)
class DeckHeader:
    """A deck as the store describes it; its cards stay in the store (100,000 of them would not fit)."""

    id: str
    title: str
    sources: tuple[Source, ...]
    topics: tuple[str, ...]
    cards: int
    accept: tuple[tuple[str, ...], ...] = ()  # the deck's own short forms, for checking typed answers

    def source(self, doc_id: str) -> Source | None:
        """The declared source with this id, if any."""
        return next((s for s in self.sources if s.id == doc_id), None)

    def as_deck(self) -> Deck:
        """A ``Deck`` with this header and no cards, for code that cites a card's source from its deck."""
        return Deck(
            id=self.id, title=self.title, version=0, cards=(), sources=self.sources, accept=self.accept
        )
