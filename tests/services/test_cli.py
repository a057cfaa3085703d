"""The learner, deck-sync, stats, optimize and plain study commands, run as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Invoke = Callable[..., subprocess.CompletedProcess[str]]

DECK = """\
id: mini
title: Mini deck
version: 1
sources:
  - id: doc
    title: A source
    file: 000_c693a8f248438152.txt
    sha256: ae25ee3afa5f84341389de9f888ed96c2d0004f8e8f7fd97255a4b5bc8eae554
cards:
  - id: mini-alkaloid
    type: mcq
    prompt: Which alkaloid is the most abundant in kratom leaf?
    choices: [Caffeine, Mitragynine, Morphine]
    answer: Mitragynine
    explanation: Mitragynine makes up most of the alkaloid content.
    topic: alkaloids
    evidence: definition
    source: {doc: doc, section: Intro}
  - id: mini-typed
    type: typed
    prompt: Name the receptor family mitragynine acts on (one word).
    answer: opioid
    explanation: It is a partial agonist at mu-opioid receptors.
    topic: receptors
    evidence: preclinical
    source: {doc: doc, section: Intro}
"""


@pytest.fixture
def run(tmp_path: Path) -> Invoke:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "mini.yaml").write_text(DECK)
    env = {
        **os.environ,
        "KRATOM_QUIZ_DB": f"sqlite:///{tmp_path / 'cli.db'}",
        "KRATOM_QUIZ_DECKS": str(decks),
    }

    def invoke(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kratom_quiz", *args], input=stdin, capture_output=True,
                              text=True, env=env, timeout=120)  # fmt: skip

    return invoke


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _one_line_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert text in result.stderr


def test_learner_commands(run: Invoke) -> None:
    invoke = run
    assert "No learners yet" in _ok(invoke("learners", "list"))
    _ok(invoke("learners", "add", "ada"))
    _ok(invoke("learners", "add", "bob"))
    _one_line_error(invoke("learners", "add", "ada"), "already exists")
    _ok(invoke("learners", "rename", "bob", "robert"))
    assert _ok(invoke("learners", "list")).split() == ["ada", "robert"]
    _one_line_error(invoke("learners", "remove", "robert"), "not removed")
    declined = invoke("learners", "remove", "robert", stdin="n\n")
    assert declined.returncode == 1 and "Nothing removed" in declined.stdout
    assert "Removed" in _ok(invoke("learners", "remove", "robert", stdin="y\n"))
    assert "Removed" in _ok(invoke("learners", "remove", "ada", "--yes"))
    _one_line_error(invoke("learners", "remove", "nobody", "--yes"), "no learner named")


def test_decks_sync_and_garbage_database(run: Invoke, tmp_path: Path) -> None:
    invoke = run
    assert "2 added" in _ok(invoke("decks", "sync"))
    assert "2 unchanged" in _ok(invoke("decks", "sync"))
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    _one_line_error(invoke("--db", f"sqlite:///{junk}", "learners", "list"), "junk.db")


def test_plain_study_answer_accept_undo_quit(run: Invoke) -> None:
    invoke = run
    # mcq by its text (choices are shuffled), accept the suggested grade; undo it; answer again
    # overriding with 4 (Easy); quit.
    out = _ok(invoke("study", "--plain", stdin="Mitragynine\n\nu\nMitragynine\n4\nq\n"))
    assert re.search(r"^  [1-9]\. Mitragynine$", out, re.M)
    assert "Right.\nYour answer: Mitragynine\nRight answer: Mitragynine" in out
    assert "Grade: Good" in out
    assert "Undid the answer to mini-alkaloid" in out
    assert "Session over: 1 answered, 1 right." in out
    history = _ok(invoke("stats", "--json"))
    assert json.loads(history)["total_reviews"] == 1


def test_plain_study_typed_answer_and_end_of_input(run: Invoke) -> None:
    invoke = run
    # The mcq is answered Easy at once; the typed card is answered, then input ends at the grade prompt.
    out = _ok(invoke("study", "--plain", stdin="Mitragynine\n4\nopioid\n"))
    assert "Name the receptor family" in out
    assert "Why: It is a partial agonist" in out
    assert "Session over: 1 answered" in out
    stats = json.loads(_ok(invoke("stats", "--json", "--learner", "default")))
    assert stats["total_reviews"] == 1
    assert {m["topic"] for m in stats["mastery_by_topic"]} == {"alkaloids", "receptors"}


def test_plain_practice_scores_by_topic(run: Invoke) -> None:
    invoke = run
    # "Morphine" is a wrong option of the mcq and a wrong typed answer: either card may come first.
    out = _ok(invoke("study", "--plain", "--practice", "--limit", "2", stdin="Morphine\nMorphine\n"))
    assert "Grade:" not in out  # practice never uses a grade, so none is asked
    assert "Session over: 2 answered, 0 right." in out
    assert "  alkaloids: 0/1" in out
    assert "  receptors: 0/1" in out
    assert json.loads(_ok(invoke("stats", "--json")))["forecast"][0]["due"] == 0  # practice schedules nothing


def test_optimize_refuses_a_short_history(run: Invoke) -> None:
    invoke = run
    _ok(invoke("learners", "add", "ada"))
    _one_line_error(invoke("optimize"), "not enough history")


def test_study_options_without_plain_are_a_usage_error() -> None:
    from typer.testing import CliRunner

    from kratom_quiz.cli import app

    result = CliRunner().invoke(app, ["study", "--deck", "pharmacology", "--limit", "5"])
    assert result.exit_code == 2
    assert "--deck, --limit only work with --plain" in result.stderr


def test_plain_study_of_an_unknown_deck_says_so(run: Invoke) -> None:
    result = run("study", "--plain", "--deck", "nosuch")
    assert result.returncode == 2  # as export does
    assert result.stderr.strip() == "kratom-quiz: unknown deck id 'nosuch' (known: mini)"
    assert "Nothing more is due" not in result.stdout


def test_ctrl_c_in_plain_study_prints_the_summary_and_exits_130(tmp_path: Path, run: Invoke) -> None:
    import signal
    import time

    env = {
        **os.environ,
        "KRATOM_QUIZ_DB": f"sqlite:///{tmp_path / 'cli.db'}",
        "KRATOM_QUIZ_DECKS": str(tmp_path / "decks"),
        "PYTHONUNBUFFERED": "1",
    }
    pipe = subprocess.PIPE
    child = subprocess.Popen([sys.executable, "-m", "kratom_quiz", "study", "--plain"], env=env, stdin=pipe,
                             stdout=pipe, stderr=pipe, text=True)  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("Mitragynine\n\n")
    child.stdin.flush()
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait for the second question's prompt
        line = child.stdout.readline()
        seen.append(line)
        if line.startswith("Name the receptor family"):
            break
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "Session over: 1 answered, 1 right." in out
    assert "Traceback" not in err
