"""Fixtures for the generator tests: the fixture documents and a source read from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kratom_quiz.generate.documents import SourceDoc, read_source

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def article_a() -> SourceDoc:
    return read_source(FIXTURES / "article_a.txt")


@pytest.fixture
def article_b() -> SourceDoc:
    return read_source(FIXTURES / "article_b.txt")
