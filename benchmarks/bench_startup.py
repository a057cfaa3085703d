"""Time the study app's start on a 10,000-card database: uv run python benchmarks/bench_startup.py.

Runs the real command, ``kratom-quiz``, in a pseudo-terminal of 100x30 as a returning learner would, and
times from launching it to the first frame (the header drawn) and to the home screen showing the deck
counts (the "All decks" row), which is when the app is interactive. It then presses q. The goal is 400 ms
to the counts. Three ways of starting are timed:

- the installed script, with Python's bytecode cache warm (every start after the first);
- ``uv run kratom-quiz``, the README's command (adds uv's check that the environment is in sync);
- the installed script with no bytecode cache: the very first start, or every start when
  PYTHONDONTWRITEBYTECODE is set (this sandbox sets it; the benchmark clears it for the warm rows).

Each row also says how long from launch, and from the counts, the first question takes with ``s`` pressed
as soon as the counts show (goal: 300 ms after the counts). Then, at 100,000 cards, the app's peak memory
(goal: 120 MB) and its launch to first question, once right after the deck files changed (they are re-read
in the background while the learner studies) and once with them unchanged (they are not read at all).
``--no-memory`` skips that part (preparing 100,000 cards takes a minute or two); ``--memory-only`` does
only that part.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

CARDS = 10_000
MEMORY_CARDS = 100_000
MEMORY_TARGET_MB = 120
LINGER_S = 40.0  # after the first question at 100,000 cards: the background re-read has time to end
QUESTION_TARGET_MS = 300  # from the counts shown to the first question, s pressed at once
FILES = 10
RUNS = 7
TARGET_MS = 400
REPO = Path(__file__).resolve().parents[1]
FIRST_FRAME = b"kratom-quiz"  # the header's title
COUNTS = b"All decks"  # the first row of the deck table, added with the counts
QUESTION = b"Question 0 on"  # the first new card's prompt, after pressing s


def peak_mb(pid: int) -> float:
    """The process's peak resident memory since its exec (VmHWM), in MB; 0 when it cannot be read.

    Not the rusage of the child: a forked child starts as a copy of this process, which has just built a
    100,000-card store, and its ``ru_maxrss`` counts that copy too.
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def launch(command: list[str], env: dict[str, str], linger: float = 0.0) -> tuple[float, float, float, float]:
    """Milliseconds from launch to the first frame, to the counts, to the first question, and peak MB.

    ``s`` (study all decks) is pressed as soon as the counts show, then ``q`` once the question is up; the
    process is waited for. Its peak memory is read just before ``q``, ``linger`` seconds after the question
    (time for work started in the background, such as re-reading changed deck files, to finish).
    """
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.chdir(REPO)
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen, first, ready, question = b"", 0.0, 0.0, 0.0
    deadline = start + 30
    try:
        while not question and time.perf_counter() < deadline:
            if not select.select([fd], [], [], 0.5)[0]:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            seen += chunk
            now = time.perf_counter()
            if not first and FIRST_FRAME in seen:
                first = now
            if not ready and COUNTS in seen:
                ready = now
                seen = b""
                os.write(fd, b"s")
            if ready and QUESTION in seen:
                question = now
        # q alone: with no answer shown it quits at once. (An Esc byte just before it could be read as
        # alt+q on a loaded machine, and the app would wait for a key that never comes.)
        time.sleep(linger)
        peak = peak_mb(pid)
        os.write(fd, b"q")
        while select.select([fd], [], [], 10)[0]:
            if not os.read(fd, 65536):
                break
    except OSError:  # the terminal closed: the app has exited
        pass
    finally:
        _reap(pid)
        os.close(fd)
    if not question:
        raise SystemExit(f"{' '.join(command)}: no deck counts, or no question after pressing s")
    return (first - start) * 1000, (ready - start) * 1000, (question - start) * 1000, peak


def _reap(pid: int) -> None:
    """Wait for the app to exit (killing it after 30 s, so a lost key cannot hang the benchmark)."""
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def deck_yaml(n: int, per_file: int) -> str:
    """One deck file of ``per_file`` cards, alternating mcq, truefalse and typed."""
    lines = [f"id: bench-{n}", f"title: Bench deck {n}", "version: 1", "sources:"]
    lines += [
        "  - id: doc",
        "    title: A synthetic source",
        "    file: doc.txt",
        "    sha256: " + "a" * 64,
        "cards:",
    ]
    for i in range(per_file):
        cid = f"c{n}-{i}"
        common = [
            "    explanation: Mitragynine is the main alkaloid of the leaf, with weaker evidence on effects.",
            f"    topic: topic-{i % 12}",
            "    evidence: preclinical",
            "    source: {doc: doc, section: Alkaloids}",
        ]
        kind = i % 3
        if kind == 0:
            lines += [
                f"  - id: {cid}",
                "    type: mcq",
                f"    prompt: Question {i} on which alkaloid is most abundant in kratom leaf?",
                "    choices: [Mitragynine, 7-Hydroxymitragynine, Caffeine, Morphine]",
                "    answer: Mitragynine",
            ]
        elif kind == 1:
            lines += [
                f"  - id: {cid}",
                "    type: truefalse",
                f"    prompt: Statement {i} is true.",
                "    answer: true",
            ]
        else:
            lines += [
                f"  - id: {cid}",
                "    type: typed",
                f"    prompt: Name alkaloid {i}.",
                "    answer: Mitragynine",
            ]
        lines += common
    return "\n".join(lines) + "\n"


def prepare(folder: Path, cards: int = CARDS) -> tuple[str, Path]:
    """Deck files and a database already synced with one learner (a returning user's start)."""
    from kratom_quiz import services
    from kratom_quiz.deckfile import load_decks

    decks = folder / "decks"
    decks.mkdir()
    for n in range(FILES):
        (decks / f"bench-{n}.yaml").write_text(deck_yaml(n, cards // FILES), encoding="utf-8")
    url = f"sqlite:///{folder / 'bench.db'}"
    db = services.open_database(url)
    loaded = load_decks([decks])
    if loaded.errors:
        raise SystemExit("\n".join(loaded.errors[:5]))
    services.sync_decks(db, loaded.decks)
    services.add_learner(db, "Bench")
    return url, decks


Row = tuple[str, list[float], list[float], list[float]]


def attempt(command: list[str], env: dict[str, str]) -> tuple[float, float, float, float] | None:
    """One launch, or None (said on stderr) when no question came within 30 s on a loaded machine."""
    try:
        return launch(command, env)
    except SystemExit as missed:
        print(f"one run missed: {missed}", file=sys.stderr)
        return None


def measure(label: str, command: list[str], env: dict[str, str]) -> Row:
    attempt(command, env)  # warm-up: fills the bytecode cache where it may, the OS file cache, file stamps
    runs = [run for _ in range(RUNS) if (run := attempt(command, env)) is not None]
    if not runs:
        raise SystemExit(f"{' '.join(command)}: no run reached the first question")
    return label, *([run[i] for run in runs] for i in range(3))  # type: ignore[return-value]


def memory(folder: Path, env: dict[str, str], script: Path) -> list[tuple[str, float, float]]:
    """Peak memory (MB) and launch to first question at 100,000 cards: files just changed, then not."""
    url, decks = prepare(folder, MEMORY_CARDS)
    env = env | {"KRATOM_QUIZ_DB": url, "KRATOM_QUIZ_DECKS": str(decks)}
    # The store was synced without file stamps: the first start re-reads the files in the background.
    _, _, changed_q, changed_mb = launch([str(script)], env, linger=LINGER_S)
    from kratom_quiz import services  # the re-read may not have ended in time: make sure it has

    services.refresh_decks(services.open_database(url), decks)
    _, _, same_q, same_mb = launch([str(script)], env, linger=LINGER_S)
    changed = f"deck files changed (re-read in the background; peak {LINGER_S:.0f} s after the question)"
    return [(changed, changed_mb, changed_q), ("deck files unchanged", same_mb, same_q)]


def timing_rows(script: Path, base_env: dict[str, str]) -> list[Row]:
    """The start rows at 10,000 cards: the installed script warm, through uv, and cold."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        url, decks = prepare(Path(tmp))
        print(f"prepared {CARDS} cards in {time.perf_counter() - t0:.1f}s; {RUNS} runs each, after a warm-up")
        env = base_env | {"KRATOM_QUIZ_DB": url, "KRATOM_QUIZ_DECKS": str(decks)}
        cold = env | {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(Path(tmp) / "no-cache")}
        rows = [measure("kratom-quiz", [str(script)], env)]
        uv = shutil.which("uv")
        if uv:
            rows.append(measure("uv run kratom-quiz", [uv, "run", "--frozen", "kratom-quiz"], env))
        rows.append(measure("kratom-quiz, no bytecode cache", [str(script)], cold))
    return rows


def main() -> int:
    script = Path(sys.executable).with_name("kratom-quiz")
    data = tempfile.TemporaryDirectory()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"TERM": "xterm-256color", "KRATOM_QUIZ_DATA_DIR": str(Path(data.name) / "data")}
    rows = [] if "--memory-only" in sys.argv else timing_rows(script, env)
    if rows:
        print()
        head = (
            "first frame | counts shown: median (min-max) | goal | s at once: launch to first question | "
            f"counts to first question (goal {QUESTION_TARGET_MS} ms)"
        )
        print(f"| start ({CARDS:,} cards) | {head} |")
        print("|---|---|---|---|---|---|")
    for label, firsts, readies, questions in rows:
        median = statistics.median(readies)
        verdict = "ok" if median <= TARGET_MS else "over"
        after = statistics.median(q - r for q, r in zip(questions, readies, strict=True))
        print(
            f"| {label} | {statistics.median(firsts):.0f} ms | {median:.0f} ms ({min(readies):.0f}-"
            f"{max(readies):.0f}) | {TARGET_MS} ms: {verdict} | {statistics.median(questions):.0f} ms | "
            f"{after:.0f} ms: {'ok' if after <= QUESTION_TARGET_MS else 'over'} |"
        )
    if "--no-memory" not in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            found = memory(Path(tmp), env, script)
        print(f"\n| memory ({MEMORY_CARDS:,} cards) | peak | goal | launch to first question |")
        print("|---|---|---|---|")
        for label, mb, question in found:
            verdict = "ok" if mb <= MEMORY_TARGET_MB else "over"
            print(f"| {label} | {mb:.0f} MB | {MEMORY_TARGET_MB} MB: {verdict} | {question:.0f} ms |")
    data.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
