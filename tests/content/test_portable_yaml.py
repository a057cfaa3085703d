"""The bundled decks read the same with any conforming YAML loader, libyaml's and PyYAML's pure-Python one.

The app falls back to the pure-Python loader where libyaml is missing; a value such as ``section: Why?`` in a
flow mapping parses there only when quoted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.conftest import DECKS

DECK_FILES = sorted(DECKS.glob("*.yaml"))


@pytest.mark.parametrize("path", DECK_FILES, ids=lambda p: p.name)
def test_pure_python_and_libyaml_read_the_same_deck(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    assert isinstance(pure, dict) and pure["cards"]
    if hasattr(yaml, "CSafeLoader"):
        assert yaml.load(text, Loader=yaml.CSafeLoader) == pure
