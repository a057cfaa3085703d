"""Pure domain model: cards, decks, grading, scheduling and the study session."""
