"""The paginator package's shape: imports go one way (deck → content → element kinds → flow → items,
runs), no module reaches for another's private names, and no module grows past ~400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import slidegen.paginate

PACKAGE = Path(slidegen.paginate.__file__).parent
MODULES = sorted(path.stem for path in PACKAGE.glob("*.py"))
ELEMENTS = ("text", "callout", "code", "table", "image")


def package_imports(name: str) -> list[tuple[str, list[str]]]:
    """(module of the package, names taken from it) for each relative import inside the package."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module is None:  # from . import text, code
                found += [(alias.name, []) for alias in node.names]
            else:
                found.append((node.module, [alias.name for alias in node.names]))
    return found


def test_the_public_entry_stays_where_it_was():
    from slidegen.paginate import paginate

    assert callable(paginate)


def test_no_import_cycles_and_element_kinds_do_not_know_the_deck():
    graph = {name: {module for module, _ in package_imports(name)} for name in MODULES}
    for kind in ELEMENTS:
        assert not graph[kind] & {"deck", "content", "__init__"}, kind
    seen: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " → ".join((*path, name))
        if name not in seen:
            for imported in graph.get(name, ()):
                visit(imported, (*path, name))
            seen.add(name)

    for name in MODULES:
        visit(name, ())


def test_no_module_imports_a_private_name():
    for name in MODULES:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not [a.name for a in node.names if a.name.startswith("_")], (name, node.module)


def test_modules_stay_small():
    for name in MODULES:
        assert len((PACKAGE / f"{name}.py").read_text(encoding="utf-8").splitlines()) <= 400, name
