"""Imports point one way (DESIGN.md): the outbox is a mechanism that imports no service,
services never import the worker's side of escalation, and the engine has no import cycle
but the two written down below."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Known, deliberate pairs (each a lazy import inside one function):
ALLOWED_CYCLES = {
    # a ladder's offsets are parsed by the calendar, which validates with the machines'
    # error type
    frozenset({"engine.calendar", "engine.machines"}),
    # changing an approved budget reopens its approval (campaigns → approvals.revise),
    # and approvals load campaigns
    frozenset({"engine.services.approvals", "engine.services.campaigns"}),
}
WORKER_SIDE = {"engine.escalation", "engine.jobs", "engine.worker", "engine.scheduler"}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in (ROOT / "engine").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from engine.report import fmt` imports the submodule, not the package
                subs = [f"{node.module}.{a.name}" for a in node.names
                        if f"{node.module}.{a.name}" in modules]
                targets = subs if len(subs) == len(node.names) else [node.module, *subs]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component: set[str] = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_outbox_imports_no_service() -> None:
    graph = _graph()
    for mechanism in ("engine.outbox", "engine.deadlines", "engine.audit"):
        assert not {m for m in graph[mechanism] if m.startswith("engine.services")
                    or m in WORKER_SIDE}, mechanism


def test_services_never_import_the_workers_side() -> None:
    graph = _graph()
    wrong = {(m, t) for m, targets in graph.items() if m.startswith("engine.services.")
             for t in targets if t in WORKER_SIDE}
    assert wrong == set()


def test_no_import_cycle_but_the_known_ones() -> None:
    cycles = [frozenset(c) for c in _cycles(_graph())]
    assert [sorted(c) for c in cycles if c not in ALLOWED_CYCLES] == []
