"""The plain study loop: line prompts on stdin/stdout, for screen readers and scripts."""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TextIO

from kratom_quiz import services
from kratom_quiz.clock import Clock
from kratom_quiz.domain.citation import cite
from kratom_quiz.domain.grading import Answer, TermIndex, answer_key, deck_index, grade
from kratom_quiz.domain.model import CardKind, Deck, StudyItem
from kratom_quiz.domain.study import Grade, Learner, Mode, Rating, score_by_topic
from kratom_quiz.errors import UserError
from kratom_quiz.storage import Database
from kratom_quiz.text import clean

HELP = "Type the answer (a number for choices), u to undo the last answer, q to quit."
_NUMBERS = re.compile(r"[\d\s,;]+")
_TRUE, _FALSE = ("1", "t", "true", "y", "yes"), ("2", "f", "false", "n", "no")


class Command(Enum):
    """What the learner typed instead of an answer or a grade."""

    QUIT = "q"
    UNDO = "u"


@dataclass(frozen=True, slots=True)
class Refused:
    """Input that is no answer to the question shown: the hint is printed and the question asked again."""

    hint: str


class PlainSession:
    """One study (or practice) session driven by lines of input."""

    def __init__(self, db: Database, learner: Learner, clock: Clock, inp: TextIO = sys.stdin,
                 out: Callable[[str], None] = print, decks: Sequence[Deck] = (),
                 rng: random.Random | None = None) -> None:  # fmt: skip
        self.db, self.learner, self.clock, self.inp, self.out = db, learner, clock, inp, out
        self.answered: list[tuple[StudyItem, bool]] = []
        self.review_ids: list[str] = []  # this session's answers: undo never reaches another window's
        self.decks = {d.id: d for d in decks}
        self.indexes: dict[str, TermIndex] = {}
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

    def parse(self, item: StudyItem, raw: str) -> Answer | Refused:
        """The answer ``raw`` gives to the question shown, or why it is none (as the app refuses it)."""
        kind, n = item.card.kind, len(self.shown)
        if not raw:
            return Refused("Type an answer first (or your best guess).")
        if kind is CardKind.MCQ:
            if raw.isdigit():
                return (
                    self.shown[int(raw) - 1]
                    if 1 <= int(raw) <= n
                    else Refused(f"Type a number from 1 to {n}.")
                )
            return self.choice(raw) or Refused(f"Type the number of one option, from 1 to {n}.")
        if kind is CardKind.MULTI:
            if _NUMBERS.fullmatch(raw):
                numbers = [int(x) for x in re.split(r"[\s,;]+", raw) if x]
                if numbers and len(set(numbers)) == len(numbers) and all(1 <= x <= n for x in numbers):
                    return frozenset(self.shown[x - 1] for x in numbers)
            else:
                picked = [self.choice(t) for t in raw.split(";") if t.strip()]
                if all(picked) and len(set(picked)) == len(picked):
                    return frozenset(p for p in picked if p)
            return Refused(f"Type the numbers of the options you pick, each once, from 1 to {n} (e.g. 1,3).")
        if kind is CardKind.TRUEFALSE:
            word = raw.lower()
            return (
                True if word in _TRUE else False if word in _FALSE else Refused("Type 1 (true) or 2 (false).")
            )
        return raw

    def choice(self, text: str) -> str | None:
        """The option shown whose text ``text`` is (as grading compares texts), if any."""
        key = answer_key(text)
        return next((c for c in self.shown if answer_key(c) == key), None) if key else None

    def read_answer(self, item: StudyItem) -> Answer | Command:
        """Ask until the input is an answer (or q or u); a basic card shows its back and asks y/n."""
        while True:
            raw = self.ask("> ")
            if raw is None or raw.lower() == "q":
                return Command.QUIT
            if raw.lower() == "u":
                return Command.UNDO
            if item.card.kind is CardKind.BASIC:
                self.out(f"Answer: {clean(item.answer_text)}")
                verdict = self.ask("Did you know it? (y/n)")
                return Command.QUIT if verdict is None else verdict.lower().startswith("y")
            parsed = self.parse(item, raw)
            if not isinstance(parsed, Refused):
                return parsed
            self.out(parsed.hint)

    def terms(self, deck_id: str) -> TermIndex | tuple[str, ...]:
        """The deck's terms, keyed once: a near-miss answer is not taken for another term (as in the app)."""
        deck = self.decks.get(deck_id)
        if deck is None:
            return ()
        if deck_id not in self.indexes:
            self.indexes[deck_id] = deck_index(deck)
        return self.indexes[deck_id]

    def run(self, *, limit: int | None, deck_id: str | None, practice: bool, seed: int | None = None) -> int:
        """Study until done, ``limit`` answers, q or end of input; returns the number of answers.

        Ctrl+C ends the session like q (the summary is printed) and is raised again for the exit code.
        """
        decks = [deck_id] if deck_id else []
        queue = (
            services.practice_items(self.db, self.learner.id, limit or 10, deck_ids=decks, seed=seed)
            if practice
            else None
        )
        self.out(HELP)
        try:
            self.loop(queue, limit=limit, deck_id=deck_id, practice=practice)
        except KeyboardInterrupt:
            self.finish(practice)
            raise
        self.finish(practice)
        return len(self.answered)

    def loop(self, queue: list[StudyItem] | None, *, limit: int | None, deck_id: str | None,
             practice: bool) -> None:  # fmt: skip
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
            given = self.read_answer(item)
            if given is Command.QUIT:
                break
            if given is Command.UNDO:
                self.undo(queue)
                continue
            elapsed = int((time.monotonic() - started) * 1000)
            verdict = grade(item, given, elapsed_ms=elapsed, known=known, terms=self.terms(item.card.deck_id))
            self.feedback(item, given, verdict)
            # Practice never schedules, so it asks for no grade (as in the app).
            rating = verdict.suggested if practice else self.pick_rating(verdict.suggested)
            if rating is Command.QUIT:
                break
            if rating is Command.UNDO:
                self.undo(queue)  # this answer is dropped: its card comes again (as in the app)
                continue
            result = services.record_review(
                self.db, self.learner.id, item.key, rating, now=self.clock(), suggested=verdict.suggested,
                answer=self.describe(given), correct=rating is not Rating.AGAIN, duration_ms=elapsed,
                mode=Mode.PRACTICE if practice else Mode.STUDY,
            )  # fmt: skip
            self.answered.append((item, rating is not Rating.AGAIN))
            self.review_ids.append(result.review_id)
            if queue is not None:
                queue.pop(0)
            elif result.became_leech:
                self.out("This card has lapsed 8 times: it is now marked as a leech. Consider rewording "
                         "it for yourself or suspending it.")  # fmt: skip

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

    def pick_rating(self, suggested: Rating) -> Rating | Command:
        prompt = (
            f"Grade: {suggested.label}. Enter to accept, or 1 Again, 2 Hard, 3 Good, 4 Easy (u undo, q quit)."
        )
        while True:
            raw = self.ask(prompt)
            if raw is None or raw.lower() == "q":
                return Command.QUIT
            if raw == "":
                return suggested
            if raw in ("1", "2", "3", "4"):
                return Rating(int(raw))
            if raw.lower() == "u":
                if self.answered:
                    return Command.UNDO
                self.out("Nothing to undo in this session.")
                continue
            self.out("Please press Enter or type 1, 2, 3 or 4 (u to undo the last answer, q to quit).")

    def undo(self, queue: list[StudyItem] | None) -> None:
        """Take back this session's last answer (never one from an earlier session)."""
        if not self.answered:
            self.out("Nothing to undo in this session.")
            return
        try:
            key = services.undo_last(self.db, self.learner.id, self.review_ids)
        except UserError as exc:
            self.out(f"Not undone: {exc}")
            return
        if key is None:
            self.out("Nothing to undo.")
            return
        self.out(f"Undid the answer to {clean(key[1])}.")
        self.review_ids.pop()
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
