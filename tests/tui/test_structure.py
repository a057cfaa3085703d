"""The TUI's shape: no import circle among its modules, none over 400 lines, screens never import the app."""

from __future__ import annotations

from pathlib import Path

import grimp

import kratom_quiz

SRC = Path(kratom_quiz.__file__).parent


def cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan), imports within ``modules`` only."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(m: str) -> None:
        index[m] = low[m] = len(index)
        stack.append(m)
        for n in graph.find_modules_directly_imported_by(m) & modules:
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            group = set()
            while True:
                n = stack.pop()
                group.add(n)
                if n == m:
                    break
            if len(group) > 1:
                found.append(group)

    for m in sorted(modules):
        if m not in index:
            visit(m)
    return found


def test_no_import_circle_in_the_tui() -> None:
    graph = grimp.build_graph("kratom_quiz")
    tui = {m for m in graph.modules if m.startswith("kratom_quiz.tui")}
    assert "kratom_quiz.tui.screens.study" in tui
    assert cycles(graph, tui) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for m in ("a", "b", "c"):
        graph.add_module(m)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="a")
    graph.add_import(importer="b", imported="c")
    assert cycles(graph, {"a", "b", "c"}) == [{"a", "b"}]


def test_no_tui_module_over_400_lines() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in (SRC / "tui").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_screens_never_import_the_app() -> None:
    graph = grimp.build_graph("kratom_quiz")
    screens = {m for m in graph.modules if m.startswith("kratom_quiz.tui.screens")}
    importers = graph.find_modules_that_directly_import("kratom_quiz.tui.app")
    assert not importers & screens
