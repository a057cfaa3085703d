"""The command palette: study a deck, switch learner, practice, stats, browse, settings."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from kratom_quiz.tui.classaccess import may_open
from kratom_quiz.tui.host import host
from kratom_quiz.tui.text import one_line, plural


class StudyCommands(Provider):
    """Commands of the study app."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = host(self)
        teacher: list[tuple[str, Callable[[], object], str]] = []
        if may_open(app):  # a teacher's login has no learner of its own: offered before one is chosen
            teacher = [
                ("Class report", app.action_class_report, "Item analysis and every learner's progress")
            ]
        if app.learner is None:
            return [("Switch learner", app.action_switch_learner, "Choose or create a learner"), *teacher]
        found: list[tuple[str, Callable[[], object], str]] = [
            ("Study all decks", lambda: app.from_home("study_all"), "A spaced study session over every deck"),
        ]
        for deck in app.decks.values():
            found.append(
                (
                    f"Study {one_line(deck.title, 50)}",
                    partial(app.study_deck, deck.id),
                    f"A spaced study session on this deck ({plural(deck.cards, 'card')})",
                )
            )
        found += [
            ("Practice quiz", lambda: app.from_home("practice"), "Questions that do not touch the schedule"),
            ("Switch learner", app.action_switch_learner, "Choose or create a learner"),
            ("Stats", lambda: app.from_home("stats"), "Forecast, reviews, retention, mastery"),
            ("Browse cards", lambda: app.from_home("browse"), "Search cards, see their history, suspend"),
            ("Settings", lambda: app.from_home("settings"), "Retention, daily limits, day start, theme"),
        ]
        found.append(("Optimize scheduling", app.action_optimize, "Fit FSRS to your own review history"))
        found.append(("Export to Anki", app.action_export_anki, "Save every deck as an Anki package (.apkg)"))
        return found + teacher

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                # Deck titles are shown literally: Textual reads a highlighted candidate as markup.
                shown = Content(name) if "[" in name else matcher.highlight(name)
                yield Hit(score, shown, run, text=name, help=help_text)
