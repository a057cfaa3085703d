"""Exports never leave a half-written file, and write failures are one-line user errors."""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

import pytest

from kratom_quiz.domain.model import Deck
from kratom_quiz.errors import UserError
from kratom_quiz.exporters import atomic
from kratom_quiz.exporters.anki import export_apkg
from kratom_quiz.exporters.text import export_text

OLD = b"the previous export\n"


class Cancelled(Exception):
    pass


def _fail_at_half(done: int, total: int) -> None:
    if total and done >= total // 2:
        raise Cancelled


def test_text_export_failing_mid_write_leaves_the_old_file(decks: list[Deck], tmp_path: Path) -> None:
    target = tmp_path / "kq.txt"
    target.write_bytes(OLD)
    with pytest.raises(Cancelled):
        export_text(decks, target, progress=_fail_at_half)
    assert target.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["kq.txt"]


def test_apkg_export_cancelled_by_progress_writes_nothing(decks: list[Deck], tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        export_apkg(decks, tmp_path / "kq.apkg", progress=_fail_at_half)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("export", [export_apkg, export_text])
def test_disk_full_is_a_user_error_and_leaves_the_old_file(
    export: object, decks: list[Deck], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kq.out"
    target.write_bytes(OLD)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UserError) as info:
        export(decks, target)  # type: ignore[operator]
    message = str(info.value)
    assert message == f"cannot write {target}: No space left on device"
    assert "\n" not in message
    assert target.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["kq.out"]


def test_missing_folder_is_a_user_error_naming_the_path(decks: list[Deck], tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "kq.apkg"
    with pytest.raises(UserError, match=r"^cannot write .*no/such/kq\.apkg: No such file or directory$"):
        export_apkg(decks, target)


def test_a_folder_in_the_way_is_a_user_error(decks: list[Deck], tmp_path: Path) -> None:
    (tmp_path / "kq.txt").mkdir()
    with pytest.raises(UserError, match=r"cannot write .*kq\.txt"):
        export_text(decks, tmp_path / "kq.txt")
    assert sorted(os.listdir(tmp_path)) == ["kq.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder_is_a_user_error(decks: list[Deck], tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="Permission denied"):
            export_apkg(decks, folder / "kq.apkg")
    finally:
        folder.chmod(0o700)


def test_a_successful_export_replaces_the_file_and_is_readable_by_others(
    decks: list[Deck], tmp_path: Path
) -> None:
    target = tmp_path / "kq.apkg"
    target.write_bytes(OLD)
    target.chmod(0o644)
    export_apkg(decks, target)
    assert zipfile.ZipFile(target).namelist() == ["collection.anki2", "media"]
    assert target.stat().st_mode & 0o777 == 0o644
    fresh = tmp_path / "fresh.apkg"
    export_apkg(decks, fresh)
    # Not the private 0600 of a temporary file: the mode a new file normally gets.
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~atomic._umask()
    assert sorted(os.listdir(tmp_path)) == ["fresh.apkg", "kq.apkg"]
