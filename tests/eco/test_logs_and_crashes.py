"""A crash leaves a report in the log folder and one line saying where; records go to the log file."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kratom_quiz import crash, logs
from kratom_quiz.cli import app, main


def _log_dir() -> Path:
    return Path(os.environ["KRATOM_QUIZ_LOG_DIR"])


def _boom() -> str:
    secret_local = "hunter2-local"  # a local variable must never reach the report
    raise RuntimeError(f"forced failure {len(secret_local)}")


def test_forced_cli_crash_leaves_a_report_and_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("kratom_quiz.deckfile.schema.json_schema_text", _boom)
    monkeypatch.setattr(
        sys, "argv", ["kratom-quiz", "--db", "postgresql://kq:s3cret@db.example/kq", "schema"]
    )
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err.strip()
    reports = sorted(_log_dir().glob("crash-*.txt"))
    assert len(reports) == 1
    assert (
        err
        == f"kratom-quiz crashed unexpectedly; the crash report is in {reports[0]} (please send it to us)."
    )
    text = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError: forced failure 13" in text
    assert "in _boom" in text  # the traceback's frames
    assert "hunter2-local" not in text  # ... without local variables
    assert "postgresql://kq:***@db.example/kq" in text and "s3cret" not in text
    assert "kratom-quiz 0.1.0 crashed in the command line" in text
    assert "platform: " in text and "python: 3." in text


def test_user_errors_are_no_crash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["kratom-quiz", "stats", "--learner", "nobody"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    assert "crash" not in capsys.readouterr().err
    assert not list(_log_dir().glob("crash-*.txt"))


def test_only_the_last_ten_reports_are_kept() -> None:
    written = [crash.write_crash_report(ValueError(str(n)), None, where="test") for n in range(12)]
    kept = sorted(_log_dir().glob("crash-*.txt"))
    assert kept == written[2:]
    assert "ValueError: 11" in kept[-1].read_text(encoding="utf-8")


def test_unwritable_log_folder_still_gives_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KRATOM_QUIZ_LOG_DIR", str(blocker / "logs"))
    error = RuntimeError("boom")
    report = crash.write_crash_report(error, None, where="test")
    assert report is None
    assert crash.crash_line(report, error) == (
        "kratom-quiz crashed (RuntimeError: boom); no crash report could be written."
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://me:pa:ss@host:5432/db", "postgresql+psycopg://me:***@host:5432/db"),
        ("sqlite:////home/me/kq.db", "sqlite:////home/me/kq.db"),
        ("mysql://me@host/db", "mysql://me@host/db"),
    ],
)
def test_passwords_are_hidden(url: str, shown: str) -> None:
    assert crash.hide_password(url) == shown


def test_verbose_and_environment_raise_the_level(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("kratom_quiz")
    CliRunner().invoke(app, ["schema"])
    assert logger.level == logging.WARNING
    CliRunner().invoke(app, ["--verbose", "schema"])
    assert logger.level == logging.INFO
    monkeypatch.setenv("KRATOM_QUIZ_LOG", "debug")
    CliRunner().invoke(app, ["schema"])
    assert logger.level == logging.DEBUG
    monkeypatch.setenv("KRATOM_QUIZ_LOG", "chatty")
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "KRATOM_QUIZ_LOG='chatty' is not a log level" in result.stderr


def test_records_go_to_the_rotating_file_only_when_written() -> None:
    logs.setup_logging(verbose=True)
    target = _log_dir() / logs.LOG_FILE
    assert not target.exists()  # nothing opened on the start path
    logging.getLogger("kratom_quiz.test").info("hello from the test")
    assert "INFO kratom_quiz.test: hello from the test" in target.read_text(encoding="utf-8")
    logging.getLogger("kratom_quiz.test").debug("not at INFO")
    assert "not at INFO" not in target.read_text(encoding="utf-8")


def test_a_crash_in_a_real_process_exits_1_without_a_traceback(tmp_path: Path) -> None:
    code = (
        "import sys, kratom_quiz.deckfile.schema as s\n"
        "def boom(): raise ZeroDivisionError('forced')\n"
        "s.json_schema_text = boom\n"
        "sys.argv = ['kratom-quiz', 'schema']\n"
        "from kratom_quiz.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "KRATOM_QUIZ_LOG_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(tmp_path / "crash-") in result.stderr
    assert (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8").count("ERROR kratom_quiz: crashed") == 1


def test_verbose_logs_the_command_without_its_password(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql://kq:s3cret@127.0.0.1:1/kq"
    monkeypatch.setattr(sys, "argv", ["kratom-quiz", "--verbose", "--db", url, "schema"])
    assert CliRunner().invoke(app, sys.argv[1:]).exit_code == 0
    text = (_log_dir() / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "INFO kratom_quiz.cli: run: --verbose --db postgresql://kq:***@127.0.0.1:1/kq schema" in text
    assert "s3cret" not in text
