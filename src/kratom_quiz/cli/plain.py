"""The plain study loop: line prompts on stdin/stdout, for screen readers and scripts."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from kratom_quiz import services
from kratom_quiz.clock import Clock
from kratom_quiz.domain.citation import cite
from kratom_quiz.domain.grading import grade
from kratom_quiz.domain.model import CardKind, Deck, StudyItem
from kratom_quiz.domain.study import Grade, Learner, Mode, Rating, score_by_topic
from kratom_quiz.storage import Database
from kratom_quiz.text import clean

HELP = "Type the answer (a number for choices), u to undo the last answer, q to quit."


class PlainSession:
    """One study (or practice) session driven by lines of input."""

    def __init__(self, db: Database, learner: Learner, clock: Clock, inp: TextIO = sys.stdin,
                 out: Callable[[str], None] = print, decks: Sequence[Deck] = (),
                 rng: random.Random | None = None) -> None:  # fmt: skip
        self.db, self.learner, self.clock, self.inp, self.out = db, learner, clock, inp, out
        self.answered: list[tuple[StudyItem, bool]] = []
        self.decks = {d.id: d for d in decks}
        self.rng = rng or random.Random()
        # The choices in the order shown for the current question (shuffled per review, as in the app).
        self.shown: list[str] = []

    def ask(self, prompt: str) -> str | None:
        """One line of input, stripped; None at end of input."""
        self.out(prompt)
        line = self.inp.readline()
        return None if line == "" else line.strip()

    def show(self, item: StudyItem, heading: str) -> None:
        card = item.card
        self.out("")
        # The evidence level waits for the feedback: before the answer it can give the answer away.
        self.out(f"{heading} [{clean(card.deck_id)} / {clean(card.topic)}]")
        self.out(clean(item.question))
        self.shown = list(card.choices)
        self.rng.shuffle(self.shown)
        if card.kind in (CardKind.MCQ, CardKind.MULTI):
            for n, choice in enumerate(self.shown, 1):
                self.out(f"  {n}. {clean(choice)}")
            if card.kind is CardKind.MULTI:
                self.out("  (several are right: give their numbers, e.g. 1,3)")
        elif card.kind is CardKind.TRUEFALSE:
            self.out("  1. True\n  2. False")

    def answer(self, item: StudyItem, raw: str) -> object:
        kind = item.card.kind
        numbers = [int(n) for n in raw.replace(",", " ").split() if n.isdigit()]
        valid = bool(numbers) and all(1 <= n <= len(self.shown) for n in numbers)
        if kind is CardKind.MCQ and valid and len(numbers) == 1:
            return self.shown[numbers[0] - 1]
        if kind is CardKind.MULTI and valid:
            return frozenset(self.shown[n - 1] for n in numbers)
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
                self.undo(queue)
                continue
            given = self.answer(item, raw)
            if item.card.kind is CardKind.BASIC and given is None:
                break
            elapsed = int((time.monotonic() - started) * 1000)
            verdict = grade(item, given, elapsed_ms=elapsed, known=known)  # type: ignore[arg-type]
            self.feedback(item, given, verdict)
            rating = self.pick_rating(verdict.suggested)
            if rating is None:
                break
            result = services.record_review(
                self.db, self.learner.id, item.key, rating, now=self.clock(), suggested=verdict.suggested,
                answer=self.describe(given), correct=verdict.correct, duration_ms=elapsed,
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

    @staticmethod
    def describe(given: object) -> str:
        """The learner's answer as text, for feedback and the review log."""
        if isinstance(given, bool):
            return "True" if given else "False"
        if isinstance(given, frozenset):
            return "; ".join(sorted(given))
        return "" if given is None else str(given)

    def feedback(self, item: StudyItem, given: object, verdict: Grade) -> None:
        """Right or wrong, the learner's answer against the right one, why, and where it comes from."""
        card = item.card
        if card.kind is CardKind.BASIC:
            self.out("You knew it." if verdict.correct else "Not this time.")
        else:
            self.out("Right." if verdict.correct else ("Partly right." if verdict.score > 0 else "Wrong."))
            if verdict.feedback.startswith("Accepted with a typo"):
                self.out(clean(verdict.feedback))
            self.out(f"Your answer: {clean(self.describe(given)) or '(none)'}")
            self.out(f"Right answer: {clean(item.answer_text)}")
        chosen = [given] if isinstance(given, str) else sorted(given) if isinstance(given, frozenset) else []
        for choice in chosen:
            note = card.rationale_for(choice)
            if note:
                self.out(f"About '{clean(choice)}': {clean(note)}")
        self.out(f"Why: {clean(card.explanation)}")
        deck = self.decks.get(card.deck_id)
        self.out(f"Source: {clean(cite(deck, card.source))} ({card.evidence.label})")

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

    def undo(self, queue: list[StudyItem] | None) -> None:
        """Take back this session's last answer (never one from an earlier session)."""
        if not self.answered:
            self.out("Nothing to undo in this session.")
            return
        key = services.undo_last(self.db, self.learner.id)
        if key is None:
            self.out("Nothing to undo.")
            return
        self.out(f"Undid the answer to {clean(key[1])}.")
        item, _ = self.answered.pop()
        if queue is not None:
            queue.insert(0, item)  # practice: ask it again

    def finish(self, practice: bool) -> None:
        right = sum(1 for _, ok in self.answered if ok)
        self.out("")
        self.out(f"Session over: {len(self.answered)} answered, {right} right.")
        if practice and self.answered:
            for score in score_by_topic((item.card.topic, ok) for item, ok in self.answered):
                self.out(f"  {clean(score.topic)}: {score.right}/{score.total}")
