"""The study queue in memory: today's counters, sibling burying and the next card, as a pop.

Built once per learner and study day from the database (a few statements), then kept up to date by the
answers recorded through it. The database stays the truth: when anyone else writes to it (another instance,
or a cold-path use case such as undo, suspend, settings or deck sync), the next action sees it and rebuilds
the cache: on SQLite ``HotConnection.changed()`` (any commit of another connection), on a server the
learner's change counters (``storage.versions``, one indexed read).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kratom_quiz.domain import today
from kratom_quiz.domain.scheduling import Memory, Scheduler
from kratom_quiz.domain.study import CardState, ItemKey
from kratom_quiz.domain.studyday import day_bounds, local_zone
from kratom_quiz.domain.today import DeckCounts
from kratom_quiz.services.context import LearnerDay
from kratom_quiz.storage import Database, queue, versions
from kratom_quiz.storage.hot import HotConnection
from kratom_quiz.storage.progress import Progress, Queued
from kratom_quiz.storage.queue import Candidate
from kratom_quiz.storage.versions import Counters, Version

LEARN_AHEAD = timedelta(minutes=20)
"""When nothing else is left, learning steps due within this are shown early (as Anki does)."""

LEARNING = (CardState.LEARNING, CardState.RELEARNING)
_TICK = timedelta(microseconds=1)
"""The finest step stored times take: ``due <= end - _TICK`` is ``due < end``."""
CHUNK = 500
"""Reviews and new items read into memory at a time (read again when used up)."""


Hot = HotConnection | None
"""The connection to read the store with; None where only memory may be used (``pick``)."""


def _order(c: Candidate) -> tuple[datetime, int]:
    assert c.due is not None
    return (c.due, c.item_id)


@dataclass
class DeckQueue:
    """The candidates of one study queue (all decks, or one). ``reviews`` and ``new`` are kept reversed, so
    that the next one is a ``pop()``; ``learning`` is in due order."""

    deck_id: str | None
    learning: list[Candidate]
    reviews: list[Candidate] = field(default_factory=list)
    new: list[Candidate] = field(default_factory=list)
    # Indexed by "new?": whether the store has nothing beyond what was read, and how many buried siblings
    # were passed over since the last read. Nothing read yet counts as not complete.
    complete: list[bool] = field(default_factory=lambda: [False, False])
    skipped: list[int] = field(default_factory=lambda: [0, 0])

    def matches(self, deck_id: str) -> bool:
        return self.deck_id is None or self.deck_id == deck_id

    def forget(self, item_id: int) -> None:
        """Take an answered item out of every list."""
        for items in (self.learning, self.reviews, self.new):
            if items and items[-1].item_id == item_id:
                items.pop()
            else:
                for i, c in enumerate(items):
                    if c.item_id == item_id:
                        del items[i]
                        break


@dataclass
class StudyCache:
    """One learner's study day: settings and scheduler, today's counters, sibling burying, queues."""

    day: LearnerDay
    done: dict[str, int]
    studied_items: set[int]
    studied_cards: dict[tuple[str, str], set[int]]
    queues: dict[str | None, DeckQueue] = field(default_factory=dict)
    shown: dict[ItemKey, Queued] = field(default_factory=dict)
    avoid: frozenset[str] = frozenset()
    """Ids of the cards related to the one just answered: not shown next while anything else is due."""
    related: dict[ItemKey, frozenset[str]] = field(default_factory=dict)
    """The related card ids of each item shown and not yet answered (kept when the cache is rebuilt)."""
    studied_days: dict[datetime, bool] = field(default_factory=dict)
    """Past study days (by their start) with or without study answers: for the streak, read once a day."""
    version: Version | None = None
    """On a server, the learner's change counters this cache is the truth for (None: never trusted)."""
    reread: versions.Reread | None = None
    """The counters read again after an answer's writes, until ``settle`` takes them."""

    def buried(self, c: Candidate) -> bool:
        """A cloze deletion waits for tomorrow once a sibling was studied today (and it was not)."""
        if c.ordinal == 0 or c.item_id in self.studied_items:
            return False
        return bool(self.studied_cards.get((c.deck_id, c.card_id)))

    def answered(self, key: ItemKey, before: Progress, memory: Memory) -> None:
        """Keep the counters and queues right after a study answer moved an item from ``before`` to ``memory``
        (a practice answer changes no state and no counter)."""
        self.shown.pop(key, None)
        self.avoid = self.related.pop(key, frozenset())
        was = before.memory.state.value
        self.done[was] = self.done.get(was, 0) + 1
        iid, (deck_id, card_id, ordinal) = before.item_id, key
        self.studied_items.add(iid)
        self.studied_cards.setdefault((deck_id, card_id), set()).add(iid)
        moved = Candidate(memory.due, iid, deck_id, card_id, ordinal)
        for dq in self.queues.values():
            if not dq.matches(deck_id):
                continue
            dq.forget(iid)
            if memory.due is None:
                continue
            if memory.state in LEARNING and memory.due <= self.day.end + LEARN_AHEAD:
                dq.learning.append(moved)
                dq.learning.sort(key=_order)
            elif memory.state is CardState.REVIEW and memory.due < self.day.end:  # due at its day's start
                dq.reviews.append(moved)
                dq.reviews.sort(key=_order, reverse=True)


def build(db: Database, hot: HotConnection, learner_id: int, now: datetime) -> StudyCache:
    """Read a learner's study day from the database: settings, counters, items studied today."""
    settings, parameters = queue.settings_and_parameters(hot, learner_id)
    zone = local_zone(settings.timezone)
    scheduler = Scheduler(parameters, settings.desired_retention, fuzz=db.fuzz)
    start, end = day_bounds(now, zone, settings.day_start_hour)
    day = LearnerDay(learner_id, settings, zone, scheduler, now, start, end)
    studied_items: set[int] = set()
    studied_cards: dict[tuple[str, str], set[int]] = {}
    for iid, deck_id, card_id in queue.studied_since(hot, learner_id, start):
        studied_items.add(iid)
        studied_cards.setdefault((deck_id, card_id), set()).add(iid)
    return StudyCache(day, queue.counts_since(hot, learner_id, start), studied_items, studied_cards)


def cache_for(
    db: Database, hot: HotConnection, learner_id: int, now: datetime, counters: Counters | None = None
) -> StudyCache:
    """The learner's cache for the study day holding ``now``, rebuilt if anyone else wrote meanwhile.

    Call it inside the action's transaction on ``hot``: on a server the check is a read of the learner's
    change counters (``storage.versions``; ``counters`` when the caller read them already), which then
    belong to the same snapshot as the action's work.
    """
    if now.tzinfo is None:
        raise ValueError("now must be tz-aware")
    version: Version | None = None
    kept: dict[int, tuple[frozenset[str], dict[ItemKey, frozenset[str]]]] = {}
    if hot.is_sqlite:
        if hot.changed():  # data_version: some other connection committed, to any learner's rows
            kept = {k: (c.avoid, c.related) for k, c in db.study_cache.items()}
            db.study_cache.clear()
    else:
        version = (counters or versions.read(hot, learner_id)).version
        old: StudyCache | None = db.study_cache.get(learner_id)
        if old is not None and (version is None or old.version != version):
            # The card just answered is this instance's own memory, not the database's: the related
            # cards it holds back survive the rebuild.
            kept[learner_id] = (old.avoid, old.related)
            del db.study_cache[learner_id]
    found: StudyCache | None = db.study_cache.get(learner_id)
    if found is None or not found.day.start <= now < found.day.end:
        found = db.study_cache[learner_id] = build(db, hot, learner_id, now)
        found.avoid, found.related = kept.get(learner_id, (frozenset(), {}))
        found.version = version
    return found


def warm(db: Database, learner_id: int, now: datetime) -> StudyCache | None:
    """The learner's cache as kept, if a server's counters can confirm it without a transaction (see
    ``services.study.next_card``): built on a server, for the study day holding ``now``."""
    found: StudyCache | None = db.study_cache.get(learner_id)
    if found is None or found.version is None or not found.day.start <= now < found.day.end:
        return None
    return found


def trusted(hot: HotConnection, cache: StudyCache) -> bool:
    """Whether the cache was checked against the store by ``cache_for`` in this transaction, so that what
    ``next_card`` showed is still the learner's state (not where nothing tells of other writers)."""
    return hot.tracks_changes or cache.version is not None


def wrote(hot: HotConnection, cache: StudyCache) -> None:
    """After this transaction's own writes for the cache's learner (kept up to date in the cache by hand):
    on a server their counter moved with them. Read it again (pipelined with the COMMIT), for ``settle``."""
    if not hot.is_sqlite and cache.version is not None:
        cache.reread = versions.Reread(hot, cache.day.learner_id)


def settle(db: Database, learner_id: int) -> None:
    """After the COMMIT of an answer: the cache is the truth at the counters it read again."""
    found: StudyCache | None = db.study_cache.get(learner_id)
    if found is not None and found.reread is not None:
        found.version, found.reread = found.reread.value(), None


def _deck_queue(hot: Hot, cache: StudyCache, deck_id: str | None, now: datetime) -> DeckQueue:
    found = cache.queues.get(deck_id)
    if found is None:
        if hot is None:
            raise NeedsStore
        day = cache.day
        learning = [
            c
            for state in LEARNING
            for c in queue.candidates(
                hot, day.learner_id, state, now=now, due_before=day.end + LEARN_AHEAD, deck_id=deck_id,
                limit=1_000_000,
            )
        ]  # fmt: skip
        learning.sort(key=_order)
        found = cache.queues[deck_id] = DeckQueue(deck_id, learning)
    return found


def _next_of(hot: Hot, cache: StudyCache, dq: DeckQueue, now: datetime, *, new: bool) -> int | None:
    """The next review (or new item) that is not a buried sibling, reading more from the store when needed."""
    day = cache.day
    while True:
        items = dq.new if new else dq.reviews
        while items:
            c = items[-1]
            if not cache.buried(c):
                return c.item_id
            items.pop()
            dq.skipped[new] += 1
        if dq.complete[new]:
            return None
        if hot is None:
            raise NeedsStore
        # Answered items left the store's list (their state or due changed); buried ones are still in it,
        # ahead of the rest: ask for that many more.
        limit = CHUNK + dq.skipped[new]
        state = None if new else CardState.REVIEW
        got = queue.candidates(
            hot, day.learner_id, state, now=now, due_before=day.end - _TICK, deck_id=dq.deck_id, limit=limit
        )
        dq.complete[new], dq.skipped[new] = len(got) < limit, 0
        got.reverse()
        if new:
            dq.new = got
        else:
            dq.reviews = got


def _in_order(hot: Hot, cache: StudyCache, dq: DeckQueue, now: datetime) -> Iterator[Candidate]:
    """What may be shown now, best first: learning steps due, reviews, new items, then learning ahead.

    Lazy, so that taking the first costs what it always did; the rest is walked only past related cards.
    """
    yield from _learning_due(dq, now)
    new_left, reviews_left = today.daily_left(cache.day.settings, cache.done)
    for new, left in ((False, reviews_left), (True, new_left)):
        if left > 0 and _next_of(hot, cache, dq, now, new=new) is not None:
            items = dq.new if new else dq.reviews
            yield from (c for c in reversed(items[-RELATED_LOOKAHEAD:]) if not cache.buried(c))
    # Learning ahead stops at the rollover: a step that ran past it is due on the next study day (as in Anki).
    ahead = min(now + LEARN_AHEAD, cache.day.end - _TICK)
    yield from (c for c in _learning_due(dq, ahead) if c.due is not None and c.due > now)


def _learning_due(dq: DeckQueue, by: datetime) -> Iterator[Candidate]:
    """The learning steps due by ``by``, in due order (the list is sorted: stop at the first one later)."""
    for c in dq.learning:
        if c.due is None or c.due > by:
            return
        yield c


RELATED_LOOKAHEAD = 20
"""How far down each list the queue looks for a card that is not related to the one just answered."""


class NeedsStore(Exception):
    """``pick`` without a connection (``hot`` None) found that it must read the store."""


def pick(hot: Hot, cache: StudyCache, deck_id: str | None, now: datetime) -> int | None:
    """The item to study now: learning steps due, then reviews, then new items, then learning ahead; but not
    a card related to the one just answered while another can be shown (cloze siblings wait as before).

    With ``hot`` None it picks from memory alone, or raises ``NeedsStore``."""
    dq = _deck_queue(hot, cache, deck_id, now)
    first: Candidate | None = None
    for c in _in_order(hot, cache, dq, now):
        if c.card_id not in cache.avoid:
            return c.item_id
        first = first or c
    return None if first is None else first.item_id


class CachedToday:
    """Today's figures (``domain.today.TodaySource``) from the study cache: today's counters and past
    streak days are kept; only the per-deck counts are read."""

    def __init__(self, hot: HotConnection, cache: StudyCache) -> None:
        self.hot, self.cache = hot, cache

    def counts_since(self, learner_id: int, since: datetime) -> dict[str, int]:
        if since == self.cache.day.start:
            return dict(self.cache.done)
        return queue.counts_since(self.hot, learner_id, since)

    def deck_counts(self, learner_id: int, now: datetime, day_end: datetime) -> list[DeckCounts]:
        return queue.deck_counts(self.hot, learner_id, now, day_end)

    def studied(self, learner_id: int, windows: Sequence[tuple[datetime, datetime]]) -> list[bool]:
        day, known = self.cache.day, self.cache.studied_days
        out: list[bool | None] = []
        for lo, hi in windows:
            if (lo, hi) == (day.start, day.end):
                out.append(sum(self.cache.done.values()) > 0)
            else:
                out.append(known.get(lo) if hi <= day.start else None)
        missing = [i for i, v in enumerate(out) if v is None]
        if missing:
            got = queue.studied_windows(self.hot, learner_id, [windows[i] for i in missing])
            for i, studied in zip(missing, got, strict=True):
                out[i] = studied
                if windows[i][1] <= day.start:
                    known[windows[i][0]] = studied
        return [bool(v) for v in out]
