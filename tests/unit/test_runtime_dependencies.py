"""What the engine imports is installed by `pip install .` (no extras): the README's first
command installs the runtime dependencies only, and a module found only in the dev extras
breaks it on a fresh machine while the test suite (installed with them) stays green."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"engine", "schema", "policies", "workflows", "server", "bench", "tests"}


def _imported_top_level_modules() -> set[str]:
    found: set[str] = set()
    files = [ROOT / "server.py", *(ROOT / "engine").rglob("*.py"), *(ROOT / "schema").rglob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in FIRST_PARTY
            and m != "__future__"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _runtime_closure() -> set[str]:
    """promoflow's requirements without extras, and theirs, transitively."""
    seen: set[str] = set()
    todo = [_name(r) for r in metadata.requires("promoflow") or [] if "extra ==" not in r]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        # a dependency's own extras are installed only when asked for (uvicorn[standard]):
        # following them would over-approximate, so only unconditional requirements count
        todo.extend(_name(r) for r in requires if "extra ==" not in r)
    # the extras promoflow itself asks for in its runtime list
    for r in metadata.requires("promoflow") or []:
        if "extra ==" in r:
            continue
        for extra in re.findall(r"\[([^\]]+)\]", r):
            base = _name(r)
            for dep in metadata.requires(base) or []:
                if any(f'extra == "{e.strip()}"' in dep for e in extra.split(",")):
                    seen.add(_name(dep))
    return seen


def test_every_imported_library_is_a_runtime_dependency() -> None:
    distributions = metadata.packages_distributions()
    runtime = _runtime_closure()
    missing = {}
    for module in sorted(_imported_top_level_modules()):
        dists = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
        if not dists & runtime:
            missing[module] = sorted(dists) or ["not installed"]
    assert not missing, f"imported by the engine but not a runtime dependency: {missing}"
