"""The plain study loop: line prompts on stdin/stdout, for screen readers and scripts."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from kratom_quiz import services
from kratom_quiz.clock import Clock
from kratom_quiz.domain.grading import grade
from kratom_quiz.domain.model import CardKind, StudyItem
from kratom_quiz.domain.study import Learner, Mode, Rating, score_by_topic
from kratom_quiz.storage import Database

HELP = "Type the answer (a number for choices), u to undo the last answer, q to quit."


def clean(text: str) -> str:
    """Deck text as plain text: control characters (terminal escapes included) removed."""
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")


class PlainSession:
    """One study (or practice) session driven by lines of input."""

    def __init__(self, db: Database, learner: Learner, clock: Clock, inp: TextIO = sys.stdin,
                 out: Callable[[str], None] = print) -> None:  # fmt: skip
        self.db, self.learner, self.clock, self.inp, self.out = db, learner, clock, inp, out
        self.answered: list[tuple[StudyItem, bool]] = []

    def ask(self, prompt: str) -> str | None:
        """One line of input, stripped; None at end of input."""
        self.out(prompt)
        line = self.inp.readline()
        return None if line == "" else line.strip()

    def show(self, item: StudyItem, heading: str) -> None:
        card = item.card
        self.out("")
        self.out(f"{heading} [{clean(card.deck_id)} / {clean(card.topic)} / {card.evidence.label}]")
        self.out(clean(item.question))
        if card.kind in (CardKind.MCQ, CardKind.MULTI):
            for n, choice in enumerate(card.choices, 1):
                self.out(f"  {n}. {clean(choice)}")
            if card.kind is CardKind.MULTI:
                self.out("  (several are right: give their numbers, e.g. 1,3)")
        elif card.kind is CardKind.TRUEFALSE:
            self.out("  1. True\n  2. False")

    def answer(self, item: StudyItem, raw: str) -> object:
        kind = item.card.kind
        if kind is CardKind.MCQ and raw.isdigit() and 1 <= int(raw) <= len(item.card.choices):
            return item.card.choices[int(raw) - 1]
        if kind is CardKind.TRUEFALSE and raw in ("1", "2"):
            return raw == "1"
        if kind is CardKind.BASIC:
            self.out(f"Answer: {clean(item.answer_text)}")
            verdict = self.ask("Did you know it? (y/n)")
            return None if verdict is None else verdict.lower().startswith("y")
        return raw

    def run(self, *, limit: int | None, deck_id: str | None, practice: bool, seed: int | None = None) -> int:
        """Study until done, ``limit`` answers, q or end of input; returns the number of answers."""
        decks = [deck_id] if deck_id else []
        queue = (
            services.practice_items(self.db, self.learner.id, limit or 10, deck_ids=decks, seed=seed)
            if practice
            else None
        )
        self.out(HELP)
        while limit is None or len(self.answered) < limit:
            if queue is not None:
                if not queue:
                    break
                item, known, heading = queue[0], False, f"Practice {len(self.answered) + 1}"
            else:
                due = services.next_card(self.db, self.learner.id, self.clock(), deck_id=deck_id)
                if due is None:
                    self.out("Nothing more is due now. Well done.")
                    break
                item, known, heading = due.item, due.reps > 0, f"Card ({due.state.value})"
            self.show(item, heading)
            started = time.monotonic()
            raw = self.ask("> ")
            if raw is None or raw.lower() == "q":
                break
            if raw.lower() == "u":
                self.undo()
                continue
            given = self.answer(item, raw)
            if item.card.kind is CardKind.BASIC and given is None:
                break
            elapsed = int((time.monotonic() - started) * 1000)
            verdict = grade(item, given, elapsed_ms=elapsed, known=known)  # type: ignore[arg-type]
            self.out(clean(verdict.feedback) or ("Correct." if verdict.correct else "Not quite."))
            self.out(f"Answer: {clean(item.answer_text)}")
            if item.card.explanation:
                self.out(f"Why: {clean(item.card.explanation)}")
            rating = self.pick_rating(verdict.suggested)
            if rating is None:
                break
            result = services.record_review(
                self.db, self.learner.id, item.key, rating, now=self.clock(), suggested=verdict.suggested,
                answer=raw, correct=verdict.correct, duration_ms=elapsed,
                mode=Mode.PRACTICE if practice else Mode.STUDY,
            )  # fmt: skip
            self.answered.append((item, verdict.correct))
            if queue is not None:
                queue.pop(0)
            elif result.became_leech:
                self.out("This card has lapsed 8 times: it is now marked as a leech. Consider rewording "
                         "it for yourself or suspending it.")  # fmt: skip
        self.finish(practice)
        return len(self.answered)

    def pick_rating(self, suggested: Rating) -> Rating | None:
        while True:
            raw = self.ask(f"Grade: {suggested.label}. Enter to accept, or 1 Again, 2 Hard, 3 Good, 4 Easy.")
            if raw is None or raw.lower() == "q":
                return None
            if raw == "":
                return suggested
            if raw in ("1", "2", "3", "4"):
                return Rating(int(raw))
            self.out("Please press Enter or type 1, 2, 3 or 4.")

    def undo(self) -> None:
        key = services.undo_last(self.db, self.learner.id)
        if key is None:
            self.out("Nothing to undo.")
            return
        self.out(f"Undid the answer to {clean(key[1])}.")
        if self.answered:
            self.answered.pop()

    def finish(self, practice: bool) -> None:
        right = sum(1 for _, ok in self.answered if ok)
        self.out("")
        self.out(f"Session over: {len(self.answered)} answered, {right} right.")
        if practice and self.answered:
            for score in score_by_topic(self.answered):
                self.out(f"  {clean(score.topic)}: {score.correct}/{score.total}")
