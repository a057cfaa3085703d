"""Every binding id the app has, so that an id in keymap.toml that matches none can be named."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding


def known_binding_ids(app_bindings: Iterable[object]) -> frozenset[str]:
    """The ids of the app's and every screen's bindings (imports every screen: call it only when needed)."""
    from kratom_quiz.tui.screens import (
        browse,
        classroom,
        export,
        help,
        home,
        leave,
        practice,
        settings,
        stats,
        study_keys,
        summary,
        welcome,
    )

    owners: list[object] = [study_keys]
    for module in (browse, classroom, export, help, home, leave, practice, settings, stats, summary, welcome):
        owners += [v for v in vars(module).values() if isinstance(v, type) and "BINDINGS" in vars(v)]
    ids: set[str] = {b.id for b in app_bindings if isinstance(b, Binding) and b.id}
    for owner in owners:
        bindings = vars(owner).get("BINDINGS") or vars(owner).get("STUDY_BINDINGS") or ()
        ids |= {b.id for b in bindings if isinstance(b, Binding) and b.id}
    return frozenset(ids)
