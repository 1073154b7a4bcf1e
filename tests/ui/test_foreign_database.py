"""The window refuses a file that is not an ACEC Tracker database and leaves it as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.mark.parametrize("kind", ["foreign", "empty"])
def test_the_window_refuses_a_file_not_ours(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from app.ui.shell.application import run_application

    folder = tmp_path / "theirs"
    folder.mkdir()
    path = folder / "address-book.sqlite"
    if kind == "foreign":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE people (name TEXT)")
        conn.close()
    else:
        path.write_bytes(b"")
    before = _snapshot(folder)
    shown: list[str] = []

    def critical(_parent: Any, _title: str, text: str, *args: Any) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert run_application(path, "en") == 1
    assert len(shown) == 1 and "is not an ACEC Tracker database" in shown[0]
    assert ("it is empty" if kind == "empty" else "another program") in shown[0]
    assert "Nothing was changed" in shown[0]
    assert _snapshot(folder) == before
