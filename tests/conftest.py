"""Shared fixtures: every test runs with its own data folder, so nothing touches the user's real files."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DECKS = REPO / "decks"
SHARED_SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("KRATOM_QUIZ_DATA_DIR", str(data))
    monkeypatch.delenv("KRATOM_QUIZ_DB", raising=False)
    monkeypatch.delenv("KRATOM_QUIZ_DECKS", raising=False)
    return data


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help="run the whole fault campaign (CI runs a short one)",
    )


@pytest.fixture
def long_run(request: pytest.FixtureRequest) -> bool:
    """Whether ``--long`` was given: fault tests then try many more kill points and damaged copies."""
    return bool(request.config.getoption("--long"))
