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


def test_ui_does_not_import_sqlalchemy() -> None:
    offenders = [
        str(path.relative_to(APP))
        for path in APP.joinpath("ui").rglob("*.py")
        if any(name.split(".")[0] == "sqlalchemy" for name in _imports(path))
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
