"""What a deck author writes is what the app reads: no surprise booleans, floats, aliases or huge files."""

from __future__ import annotations

import shutil
from pathlib import Path

from kratom_quiz.deckfile import load_deck, load_decks
from kratom_quiz.domain.model import CardKind

VALID = Path(__file__).parent / "fixtures" / "valid" / "every-kind.yaml"


def test_values_stay_as_written() -> None:
    deck, errors = load_deck(VALID)
    assert errors == []
    assert deck is not None
    typed = next(c for c in deck.cards if c.kind is CardKind.TYPED)
    # 'no' and 'on' are the words the author meant, and 1.10 is not the number 1.1.
    assert typed.answers == ("no", "1.10", "on")
    truefalse = next(c for c in deck.cards if c.kind is CardKind.TRUEFALSE)
    assert truefalse.truth is False


def test_every_kind_loads_with_its_content() -> None:
    deck, _ = load_deck(VALID)
    assert deck is not None
    assert {c.kind for c in deck.cards} == set(CardKind)
    cloze = next(c for c in deck.cards if c.kind is CardKind.CLOZE)
    assert cloze.ordinals == (1, 2)
    multi = next(c for c in deck.cards if c.kind is CardKind.MULTI)
    assert multi.answers == ("Nausea", "Constipation")


def test_alias_bomb_is_refused_before_expanding(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    assert bomb.stat().st_size < 1000
    deck, errors = load_deck(bomb, "bomb.yaml")
    assert deck is None
    assert errors == ["bomb.yaml:1:4: YAML anchors and aliases are not allowed ('a')"]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * 600_000)
    _, errors = load_deck(big, "big.yaml")
    assert errors == ["big.yaml:1:1: file is 6.0 MB; deck files are limited to 5 MB"]


def test_deck_ids_are_unique_across_files(tmp_path: Path) -> None:
    shutil.copy(VALID, tmp_path / "a.yaml")
    shutil.copy(VALID, tmp_path / "b.yaml")
    result = load_decks([tmp_path], display_root=tmp_path)
    assert [d.id for d in result.decks] == ["sample"]
    assert result.errors == ["b.yaml:1:1: deck id 'sample' is already used by a.yaml"]


def test_a_folder_without_decks_is_reported(tmp_path: Path) -> None:
    result = load_decks([tmp_path])
    assert result.errors == [f"{tmp_path}: no deck files (*.yaml) in this folder"]


def test_edited_card_keeps_id_and_changes_hash(tmp_path: Path) -> None:
    first, _ = load_deck(VALID)
    edited = tmp_path / "edited.yaml"
    edited.write_text(VALID.read_text().replace("Kratom is a tree.", "Kratom is an evergreen tree.", 1))
    second, _ = load_deck(edited)
    assert first is not None and second is not None
    before = {c.id: c.content_hash for c in first.cards}
    after = {c.id: c.content_hash for c in second.cards}
    assert before.keys() == after.keys()
    changed = [k for k in before if before[k] != after[k]]
    assert len(changed) == 1
