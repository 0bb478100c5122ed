"""The house's import rules, read from the source: imports run one way (people <- programs <-
projects <- applications <- selection <- evaluations), notifications imports no domain app,
and no module imports itself back through others (a task imports services; the work it calls
starts no task).

Every `import` counts, also one inside a function: moving an import into a function hides a
loop from Python, not from the reader.
"""

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Lower first: an app may import those before it, never those after it.
DOMAIN = ["people", "programs", "projects", "applications", "selection", "evaluations"]
APPS = [*DOMAIN, "notifications"]


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }


def _imports(path: Path) -> list[str]:
    """Every module name imported anywhere in the file; `from a import b` gives "a.b" and "a"
    (the caller keeps whichever is a module of ours)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
    return names


@cache  # read the source once for all the tests below
def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for imported in _imports(path):
            if imported in modules and imported != name:
                graph[name].add(imported)
    return graph


def _loops(graph: dict[str, set[str]], app: str) -> list[list[str]]:
    """The import loops among one app's modules (strongly connected groups of two or more)."""
    nodes = sorted(n for n in set(graph) | {m for ms in graph.values() for m in ms})
    nodes = [n for n in nodes if n.split(".")[0] == app]
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other.split(".")[0] != app:
                continue
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for node in nodes:
        if node not in index:
            visit(node)
    return loops


def test_notifications_imports_no_domain_app():
    graph = _graph()
    arrows = sorted(
        f"{module} -> {imported}"
        for module, imported_modules in graph.items()
        if module.split(".")[0] == "notifications"
        for imported in imported_modules
        if imported.split(".")[0] in DOMAIN
    )
    assert arrows == []


def test_no_app_imports_a_higher_one():
    graph = _graph()
    arrows = sorted(
        f"{module} -> {imported}"
        for module, imported_modules in graph.items()
        for imported in imported_modules
        if module.split(".")[0] in DOMAIN
        and imported.split(".")[0] in DOMAIN
        and DOMAIN.index(imported.split(".")[0]) > DOMAIN.index(module.split(".")[0])
    )
    assert arrows == []


@pytest.mark.parametrize("app", [*DOMAIN, "notifications"])
def test_no_import_loop_inside_an_app(app):
    assert _loops(_graph(), app) == []


@pytest.mark.parametrize("app", ["notifications", "programs"])
def test_what_a_task_calls_never_starts_a_task(app):
    """The task rule itself: from an app's tasks module, its imports never lead back to it."""
    graph, tasks = _graph(), f"{app}.tasks"
    reachable, todo = set(), [tasks]
    while todo:
        for other in graph.get(todo.pop(), ()):
            if other.split(".")[0] == app and other not in reachable:
                reachable.add(other)
                todo.append(other)
    assert tasks not in reachable
