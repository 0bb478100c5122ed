"""The task rule: tasks.py is the top of notifications; the work a task calls lives in modules
that start no task, so no module of the app imports itself back (also through a function)."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "notifications"


def imports_between_modules() -> dict[str, set[str]]:
    """Module -> the app's modules it imports, at any level (functions too)."""
    modules = {
        ".".join(path.relative_to(APP.parent).with_suffix("").parts).removesuffix(".__init__"): path
        for path in APP.rglob("*.py")
    }
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    found.add(submodule if submodule in modules else node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {
            other for other in found if other in modules and other not in (name, "notifications")
        }
    return graph


def a_loop(graph: dict[str, set[str]]) -> list[str]:
    """One import loop (as a path that comes back to its start), or [] if there is none."""
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str]:
        state[module] = "open"
        for other in sorted(graph[module]):
            if state.get(other) == "open":
                return [*path[path.index(other) :], other]
            if other not in state and (loop := visit(other, [*path, other])):
                return loop
        state[module] = "done"
        return []

    for module in sorted(graph):
        if module not in state and (loop := visit(module, [module])):
            return loop
    return []


def test_notifications_has_no_import_loop():
    assert a_loop(imports_between_modules()) == []


def test_the_modules_a_task_calls_never_import_the_tasks():
    graph = imports_between_modules()
    reachable, todo = set(), ["notifications.tasks"]
    while todo:
        for other in graph[todo.pop()]:
            if other not in reachable:
                reachable.add(other)
                todo.append(other)
    assert "notifications.tasks" not in reachable
    assert {"notifications.outbox", "notifications.sweep", "notifications.services"}.isdisjoint(
        reachable
    )
