"""A learner's settings: desired retention, daily limits, day start hour and theme; saved per learner."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from kratom_quiz.domain.study import LearnerSettings, settings_problem
from kratom_quiz.tui.host import host

if TYPE_CHECKING:
    from kratom_quiz.services import Database


def parse_settings(
    base: LearnerSettings,
    retention: str,
    new: str,
    reviews: str,
    hour: str,
    theme: str,
    zone: str | None = None,
) -> tuple[LearnerSettings | None, str]:
    """The settings typed in, checked; (None, reason) when a value is out of range.

    ``zone`` is an IANA name such as "Europe/Berlin"; blank means the computer's zone; None keeps ``base``'s.
    """
    try:
        r = float(retention)
        n, v, h = int(new), int(reviews), int(hour)
    except ValueError:
        return None, "Every field needs a number."
    timezone = base.timezone if zone is None else (zone.strip() or None)
    typed = replace(
        base,
        desired_retention=r,
        new_per_day=n,
        reviews_per_day=v,
        day_start_hour=h,
        theme=theme,
        timezone=timezone,
    )
    problem = settings_problem(typed)
    return (None, problem[0].upper() + problem[1:] + ".") if problem else (typed, "")


def _local_zone_name() -> str:
    from kratom_quiz.domain.studyday import local_zone, zone_name

    return zone_name(local_zone())


class SettingsScreen(Screen[None]):
    """Edit and save the current learner's settings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "back", "Back", id="settings.back"),
    ]

    def compose(self) -> ComposeResult:
        app = host(self)
        s = app.learner_settings
        themes = sorted(self.app.available_themes)
        yield Header()
        with Vertical(id="settings"):
            with Grid(id="settings-grid"):
                yield Label("Desired retention (0.70-0.99)")
                yield Input(f"{s.desired_retention:.2f}", id="retention", type="number")
                yield Label("New cards per day")
                yield Input(str(s.new_per_day), id="new-per-day", type="integer")
                yield Label("Reviews per day")
                yield Input(str(s.reviews_per_day), id="reviews-per-day", type="integer")
                yield Label("Day starts at hour (0-23)")
                yield Input(str(s.day_start_hour), id="day-start", type="integer")
                yield Label("Time zone (blank: local)")
                yield Input(s.timezone or "", id="timezone", placeholder=_local_zone_name())
                yield Label("Theme")
                yield Select([(t, t) for t in themes], value=self.app.theme, allow_blank=False, id="theme")
            yield Button("Save", id="save", variant="primary")
            yield Static("", id="settings-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Settings"

    @on(Select.Changed, "#theme")
    def preview_theme(self, event: Select.Changed) -> None:
        """Show the theme at once (saved with the other settings)."""
        if isinstance(event.value, str):
            self.app.theme = event.value

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check and save the settings."""
        app = host(self)
        learner = app.learner
        if learner is None:
            return
        theme = self.query_one("#theme", Select).value

        def value(field: str) -> str:
            return self.query_one(f"#{field}", Input).value

        settings, problem = parse_settings(
            app.learner_settings,
            value("retention"),
            value("new-per-day"),
            value("reviews-per-day"),
            value("day-start"),
            str(theme),
            value("timezone"),
        )
        self.query_one("#settings-error", Static).update(problem)
        if settings is None:
            return
        from kratom_quiz import services

        def task(db: Database) -> LearnerSettings:
            services.save_settings(db, learner.id, settings)
            return settings

        def saved(value: LearnerSettings) -> None:
            app.apply_settings(value)
            self.notify("Settings saved.")
            self.dismiss()

        app.store.run("saving your settings", task, saved, write=True, owner=self)

    def action_back(self) -> None:
        """Leave without saving (the theme goes back to the saved one)."""
        app = host(self)
        app.apply_settings(app.learner_settings)
        self.dismiss()
