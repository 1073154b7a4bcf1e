"""The layers of DESIGN.md, enforced: the UI opens no session and writes no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _front_ends() -> list[Path]:
    """The window (app/ui/) and the command line (app/cli/): they call services."""
    return [*APP.joinpath("ui").rglob("*.py"), *APP.joinpath("cli").rglob("*.py")]


def test_ui_and_command_line_do_not_import_sqlalchemy() -> None:
    offenders = [
        str(path.relative_to(APP))
        for path in _front_ends()
        if any(name.split(".")[0] == "sqlalchemy" for name in _imports(path))
    ]
    assert offenders == []


def test_ui_and_command_line_open_no_session() -> None:
    opening = ("session", "read_session", "write_session", "engine")
    offenders = [
        f"{path.relative_to(APP)}:{node.lineno}"
        for path in _front_ends()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in opening
    ]
    assert offenders == []


def test_qt_only_in_ui_and_report_renderers() -> None:
    offenders = []
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP)
        if rel.parts[0] == "ui" or (rel.parts[0] == "reports" and rel.name.startswith("render_")):
            continue
        if rel.name == "__main__.py":
            continue
        if any(name.split(".")[0] == "PySide6" for name in _imports(path)):
            offenders.append(str(rel))
    assert offenders == []


def test_report_renderers_never_use_qtwidgets() -> None:
    offenders = [
        path.name
        for path in APP.joinpath("reports").rglob("render_*.py")
        if any(name.startswith("PySide6.QtWidgets") for name in _imports(path))
    ]
    assert offenders == []


def test_nothing_below_ui_imports_ui() -> None:
    offenders = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if path.relative_to(APP).parts[0] not in ("ui", "cli")
        and any(name.startswith("app.ui") for name in _imports(path))
    ]
    assert offenders == []


def test_sync_reports_and_store_do_not_import_services() -> None:
    """ui → services, sync, reports → models, store (DESIGN.md)."""
    offenders = [
        str(path.relative_to(APP))
        for folder in ("sync", "reports", "store", "models")
        for path in APP.joinpath(folder).rglob("*.py")
        if any(name.startswith("app.services") for name in _imports(path))
    ]
    assert offenders == []


def _module_name(path: Path) -> str:
    parts = ("app", *path.relative_to(APP).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """Modules of app/ imported when ``path`` is imported (not inside functions).

    ``from app.store import marker`` imports the module ``app.store.marker``, not
    a name of the package ``app.store``.
    """
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in modules else node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("app"))
    return names & modules


def test_no_two_modules_import_each_other() -> None:
    """A circle of imports means two modules share a concern that belongs in a third."""
    modules = {_module_name(p): p for p in APP.rglob("*.py")}
    graph = {name: _top_level_imports(path, set(modules)) for name, path in modules.items()}
    pairs = sorted(
        (a, b) for a, targets in graph.items() for b in targets if a < b and a in graph.get(b, ())
    )
    assert pairs == []


def test_the_scanners_and_the_guard_do_not_know_each_other() -> None:
    """The limits they share have their own module (package_limits.py), types included."""
    scanners = _imports(APP / "sync" / "xml_scan.py")
    assert "app.sync.guard" not in scanners
    assert "app.sync.package_limits" in scanners


def test_the_demo_generator_is_a_tool_beside_the_program() -> None:
    """app/demo/ makes demo databases; only the front ends start it, nothing else leans on it."""
    offenders = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if path.relative_to(APP).parts[0] not in ("demo", "ui", "cli")
        and any(name.startswith("app.demo") for name in _imports(path))
    ]
    assert offenders == []
    assert not APP.joinpath("services", "demo").exists()
