"""The one way from the TUI to the database: thread workers, work queued until the store opens, replies."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from kratom_quiz.errors import UserError

if TYPE_CHECKING:
    from kratom_quiz.services import Database

T = TypeVar("T")

Reply = tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None, Screen[Any] | None]


class StoreClient:
    """Runs database work off the UI thread and hands each result back on it.

    Screens get this object (through ``QuizHost.store``) and never the app module. Writes share the
    "write" group and are never exclusive, so no write is ever cancelled; a read given ``latest_only``
    cancels older reads of its group. Work asked for while the store is still opening waits and starts,
    in order, once it is open; if opening fails it is dropped (the error is already on screen).
    """

    def __init__(self, app: App[Any], url: str) -> None:
        self._app = app
        self._url = url  # to name the database in a fault's message
        self.database: Database | None = None
        self.failed = False
        self._waiting: list[Callable[[], None]] = []
        self._replies: dict[Worker[Any], Reply] = {}

    def start(
        self,
        describe: str,
        task: Callable[[], T],
        done: Callable[[T], None],
        *,
        failed: Callable[[BaseException], None] | None = None,
        group: str = "read",
    ) -> None:
        """Run ``task`` (which needs no open store, e.g. opening it) in a thread worker."""
        worker: Worker[T] = self._app.run_worker(
            task, name=describe, group=group, thread=True, exit_on_error=False
        )
        self._replies[worker] = (done, failed, None)

    def opened(self, database: Database) -> None:
        """The store is open: start the work that waited for it."""
        self.database = database
        waiting, self._waiting = self._waiting, []
        for start in waiting:
            start()

    def open_failed(self) -> None:
        """The store could not be opened: what waited for it will not run."""
        self.failed = True
        self._waiting.clear()

    def run(
        self,
        describe: str,
        task: Callable[[Database], T],
        done: Callable[[T], None],
        *,
        write: bool = False,
        failed: Callable[[BaseException], None] | None = None,
        latest_only: str | None = None,
        owner: Screen[Any] | None = None,
    ) -> None:
        """Run ``task`` on the database in a thread worker; ``done`` gets its result on the UI thread.

        ``describe`` says what the work is ("saving your answer") for the error message. With an ``owner``
        screen, ``done`` and ``failed`` are dropped if that screen has closed by the time the work ends
        (the work itself still completes, and an error is still shown).
        """
        if write and latest_only:
            raise ValueError("a write is never exclusive")
        database = self.database
        if database is None:
            if not self.failed:
                self._waiting.append(
                    lambda: self.run(
                        describe, task, done, write=write, failed=failed, latest_only=latest_only, owner=owner
                    )
                )
            return
        worker: Worker[T] = self._app.run_worker(
            lambda: task(database),
            name=describe,
            group="write" if write else latest_only or "read",
            thread=True,
            exit_on_error=False,
            exclusive=latest_only is not None,
        )
        self._replies[worker] = (done, failed, owner)

    def deliver(self, event: Worker.StateChanged) -> None:
        """Hand a finished worker's result to its ``done``; turn its error into one visible message."""
        worker = event.worker
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        done, failed, owner = self._replies.pop(worker, (None, None, None))
        if owner is not None and owner not in self._app.screen_stack:
            done = failed = None  # its screen has closed: nothing left to update
        if event.state is WorkerState.SUCCESS:
            if done is not None:
                done(worker.result)
        elif event.state is WorkerState.ERROR:
            error = worker.error
            self._app.log.error(f"{worker.name} failed: {error!r}")
            logging.getLogger(__name__).warning("%s failed: %r", worker.name, error, exc_info=error)
            if error is not None:  # a driver's error says it in SQL; say it as one line a learner can use
                from kratom_quiz.storage import faults

                error = faults.user_error(error, faults.describe(self._url)) or error
            if isinstance(error, UserError):  # meant to be read as it is: no "something went wrong"
                self._app.notify(
                    str(error), title=f"While {worker.name}", severity="warning", markup=False, timeout=10
                )
            else:
                self._app.notify(
                    f"Something went wrong while {worker.name}: {error}. Nothing was lost; try again.",
                    title="Error",
                    severity="error",
                    markup=False,
                    timeout=10,
                )
            if failed is not None and error is not None:
                failed(error)
