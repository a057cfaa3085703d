"""One set of rules for learner names and settings, whether they are typed in the TUI or given to the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from kratom_quiz import services
from kratom_quiz.domain.study import LearnerSettings, learner_name, settings_problem
from kratom_quiz.errors import UserError
from kratom_quiz.storage import Database
from kratom_quiz.tui.screens.settings import parse_settings
from kratom_quiz.tui.screens.welcome import valid_name


def test_a_name_is_trimmed_and_its_inner_whitespace_made_single_spaces() -> None:
    assert learner_name("  Ada \t Lovelace \n") == "Ada Lovelace"


@pytest.mark.parametrize("raw", ["", "   ", "x" * 41, "bell\x07"])
def test_names_the_app_refuses(raw: str) -> None:
    with pytest.raises(ValueError, match="1 to 40 printable characters"):
        learner_name(raw)


def test_the_tui_and_the_service_take_the_same_names(tmp_path: Path) -> None:
    db = services.open_database(f"sqlite:///{tmp_path}/names.db")
    try:
        assert valid_name("x" * 41) is None
        with pytest.raises(UserError, match="1 to 40"):
            services.add_learner(db, "x" * 41)
        assert valid_name("x" * 40) == services.add_learner(db, "x" * 40).name
    finally:
        db.close()


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"desired_retention": 0.5}, "desired retention goes from 0.70 to 0.99"),
        ({"new_per_day": -1}, "daily limits go from 0 to 9999 new cards and 99999 reviews"),
        ({"reviews_per_day": 100_000}, "daily limits go from 0 to 9999 new cards and 99999 reviews"),
        ({"day_start_hour": 24}, "the study day starts at an hour from 0 to 23"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_settings_out_of_range_are_refused_alike_by_the_service(
    tmp_path: Path, changes: dict[str, object], problem: str
) -> None:
    settings = LearnerSettings(**changes)  # type: ignore[arg-type]
    assert settings_problem(settings) == problem
    db: Database = services.open_database(f"sqlite:///{tmp_path}/settings.db")
    try:
        learner = services.add_learner(db, "ada")
        with pytest.raises(UserError) as caught:
            services.save_settings(db, learner.id, settings)
        assert str(caught.value) == problem
    finally:
        db.close()


def test_the_settings_screen_says_the_same_as_a_sentence() -> None:
    typed, problem = parse_settings(LearnerSettings(), "0.9", "10000", "200", "4", "nord")
    assert typed is None
    assert problem == "Daily limits go from 0 to 9999 new cards and 99999 reviews."
    typed, problem = parse_settings(LearnerSettings(), "0.85", "15", "150", "5", "nord")
    assert (typed, problem) == (
        LearnerSettings(
            desired_retention=0.85, new_per_day=15, reviews_per_day=150, day_start_hour=5, theme="nord"
        ),
        "",
    )
    assert settings_problem(LearnerSettings()) is None
