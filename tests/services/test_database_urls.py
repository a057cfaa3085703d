"""A database URL the app cannot use is one clear line, without a traceback or a leaked password."""

from __future__ import annotations

import pytest

from kratom_quiz import services
from kratom_quiz.errors import UserError


def test_missing_driver_is_named_and_password_hidden() -> None:
    with pytest.raises(UserError) as caught:
        services.open_database("postgresql+pg8000://sam:hunter2@127.0.0.1:1/kq")
    message = str(caught.value)
    assert message == (
        "cannot open postgresql+pg8000://sam:***@127.0.0.1:1/kq: "
        "the database driver 'pg8000' is not installed"
    )


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(UserError) as caught:
        services.open_database("postgresql+psycopg://sam:hunter2@127.0.0.1:1/kq?connect_timeout=2")
    message = str(caught.value)
    assert "hunter2" not in message and "\n" not in message
    assert "postgresql+psycopg://sam:***@127.0.0.1:1/kq" in message and "Connection refused" in message


def test_folder_instead_of_file_is_refused(tmp_path: object) -> None:
    with pytest.raises(UserError) as caught:
        services.open_database(f"sqlite:///{tmp_path}")
    assert str(tmp_path) in str(caught.value)
