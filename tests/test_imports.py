"""The import graph of the package: the core value types are in no import circle.

Every import counts, those under ``TYPE_CHECKING`` and inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rostering"

#: The core value types: they import only each other (never the engine, the checker,
#: the search or an edge).
VALUES = (
    "rostering.values",
    "rostering.params",
    "rostering.roles",
    "rostering.conversions",
    "rostering.roster",
    "rostering.problem",
    "rostering.index",
    "rostering.result",
    "rostering.explanation",
    "rostering.holiday_calendar",
)

#: The edges: they call into the core, never the reverse.
EDGES = (
    "rostering.frames",
    "rostering.jsonio",
    "rostering.excel",
    "rostering.cli",
    "rostering.workbook",
    "rostering.formats",
    "rostering.staffing",
    "rostering.staffing_report",
    "rostering.briefing",
    "rostering.docs",
    "rostering.many",
    "rostering.curtois",
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (any import anywhere in the file).

    ``from package import name`` depends on ``package.name`` when that is a module (as
    ``import package.name`` does), and on the package itself for any other name.
    """
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join([*base, node.module] if node.module else base)
                if not node.level:
                    prefix = node.module or ""
                targets = [
                    f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix
                    for alias in node.names
                ]
            found.update(t for t in targets if t in modules and t != name)
        graph[name] = found
    return graph


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = set()
            while True:
                w = stack.pop()
                part.add(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(part)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_sees_imports() -> None:
    graph = import_graph()
    assert "rostering.roster" in graph["rostering.problem"]
    assert "rostering.values" in graph["rostering.params"]
    assert "rostering.params" in graph["rostering.rules.base"]


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for module in graph[todo.pop()]:
            if module not in seen:
                seen.add(module)
                todo.append(module)
    return seen


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_the_package_has_no_import_circle() -> None:
    found = [sorted(part) for part in circles(import_graph())]
    assert not found, f"import circles: {found}"


def test_value_types_import_only_value_types() -> None:
    graph = import_graph()
    for module in VALUES:
        beyond = sorted(_reach(graph, module) - set(VALUES))
        assert not beyond, f"{module} imports {beyond}"


def test_the_core_never_imports_an_edge() -> None:
    graph = import_graph()
    for module in graph:
        if _within(module, EDGES) or module == "rostering":
            continue
        edges = sorted(m for m in _reach(graph, module) if _within(m, EDGES))
        assert not edges, f"{module} imports the edges {edges}"


def test_the_engine_gets_its_rules_and_check_from_solve() -> None:
    graph = import_graph()
    engine = [m for m in graph if _within(m, ("rostering.engine",))]
    assert "rostering.engine.model" in engine
    for module in engine:
        reached = _reach(graph, module)
        assert "rostering.check" not in reached, module
        assert "rostering.rules" not in reached, module  # the registry: from solve
        assert "rostering.solver" not in reached, module


def test_rules_encode_against_the_facade_not_the_engine_model() -> None:
    graph = import_graph()
    for module in graph:
        if _within(module, ("rostering.rules",)):
            assert "rostering.engine.model" not in _reach(graph, module), module


def test_a_circle_is_found() -> None:
    assert circles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [{"a", "b"}]
