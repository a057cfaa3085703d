"""Deck folders with things that are not deck files: reported in a line each, never read, never waited on."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from typer.testing import CliRunner, Result

from kratom_quiz.cli import app
from kratom_quiz.deckfile import find_deck_files, load_deck


def _validate_within(path: Path, seconds: float = 20) -> Result:
    out: list[Result] = []
    worker = threading.Thread(
        target=lambda: out.append(CliRunner().invoke(app, ["decks", "validate", str(path)])), daemon=True
    )
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"decks validate {path} did not finish in {seconds} s"
    return out[0]


def test_a_named_pipe_is_skipped_with_a_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = _validate_within(tmp_path)
    assert result.exit_code != 0
    assert f"{tmp_path / 'pipe.yaml'}: not a regular file" in result.output
    assert "Traceback" not in result.output


def test_a_link_to_a_device_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    files, errors = find_deck_files([tmp_path])
    assert files == []
    assert errors[0].startswith(f"{tmp_path / 'zero.yaml'}: not a regular file")
    result = _validate_within(tmp_path / "zero.yaml")
    assert result.exit_code != 0 and "not a regular file" in result.output


def test_a_huge_file_is_refused_by_size_without_reading_it_whole(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as fh:  # sparse: a gigabyte on paper, nothing on disk
        fh.truncate(1024**3)
    deck, problems = load_deck(huge, display="huge.yaml")
    assert deck is None
    assert problems == ["huge.yaml:1:1: file is 1073.7 MB; deck files are limited to 5 MB"]
