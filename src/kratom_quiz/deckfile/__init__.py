"""The deck file format: schema, safe YAML reading with positions, and the loader."""

from kratom_quiz.deckfile.files import find_deck_files
from kratom_quiz.deckfile.loader import LoadResult, load_deck, load_decks

__all__ = ["LoadResult", "find_deck_files", "load_deck", "load_decks"]
