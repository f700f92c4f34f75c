"""The apps stand on `home/`: no circle of imports between apps, none imports
`portal/`, and an import inside a function says which circle it breaks."""

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
APPS = [
    "activities",
    "benchmark",
    "events",
    "home",
    "notifications",
    "partners",
    "search",
    "stories",
    "surveys",
]
PROJECT_PACKAGES = {*APPS, "portal"}


def modules():
    for app in APPS:
        for path in sorted((PROJECT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported_packages(node):
    """The top-level project package each import statement names."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:  # relative: inside the same app
            return []
        names = [node.module or ""]
    else:
        return []
    return [
        name.split(".")[0] for name in names if name.split(".")[0] in PROJECT_PACKAGES
    ]


def function_level_imports(tree):
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield node


def app_graph():
    graph = {app: set() for app in APPS}
    for app, path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for package in imported_packages(node):
                if package != app:
                    graph[app].add(
                        (package, f"{path.relative_to(PROJECT)}:{node.lineno}")
                    )
    return graph


def cycles(graph):
    edges = {
        app: {target for target, _where in targets} for app, targets in graph.items()
    }
    found = []

    def visit(start, app, trail):
        for target in sorted(edges.get(app, ())):
            if target == start:
                found.append([*trail, target])
            elif target not in trail and target > start:
                visit(start, target, [*trail, target])

    for start in sorted(edges):
        visit(start, start, [start])
    return found


def test_no_app_imports_the_project_package():
    reaching_up = [
        where
        for targets in app_graph().values()
        for target, where in targets
        if target == "portal"
    ]
    assert reaching_up == []


def test_apps_import_each_other_without_circles():
    assert cycles(app_graph()) == []


def comment_above(lines, lineno):
    """The line above an import and the imports right above it, stripped."""
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith(("from ", "import ")):
        index -= 1
    return lines[index].strip() if index >= 0 else ""


def test_imports_inside_functions_say_why():
    unexplained = []
    for _app, path in modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in function_level_imports(ast.parse(source)):
            if not imported_packages(node):
                continue
            if not comment_above(lines, node.lineno).startswith("#"):
                unexplained.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert unexplained == []


def test_the_check_finds_a_circle():
    graph = {"a": {("b", "a.py:1")}, "b": {("c", "b.py:1")}, "c": {("a", "c.py:1")}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
