"""Textual's footer, rebuilt once per screen refresh however often the keys changed before it."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's ``Footer``, coalescing its rebuilds.

    Textual's footer rebuilds itself (removes, mounts and styles every key) once for each
    ``refresh_bindings`` published before its next refresh. At start-up the home screen publishes four in a
    row (focus, the screen stack, the first counts, a cursor move), and a study screen three; each rebuild
    took ~15-40 ms of the UI thread, queued ahead of the ``s`` pressed as the counts appeared. One rebuild
    after the refresh shows the keys as they are by then, which is all the others showed.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rebuild_queued = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self._rebuild_queued:
            return  # the rebuild already queued reads the keys when it runs
        super().bindings_changed(screen)
        # Textual queues a rebuild only in these cases (see ``Footer.bindings_changed``).
        self._rebuild_queued = bool(screen.app.app_focus and self.is_attached and screen is self.screen)

    async def recompose(self) -> None:
        self._rebuild_queued = False
        await super().recompose()
