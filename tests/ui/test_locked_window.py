"""The window on a database another running copy holds: a dialog naming that copy, then exit 1."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui.shell.application import run_application
from app.ui.shell.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE

# The real static dialog, taken before tests/ui/conftest.py swaps it for a
# guard: this test answers it as a user does.
REAL_CRITICAL = QMessageBox.__dict__["critical"]
HOLD = (
    "import sys; from app.store import open_database; db = open_database(sys.argv[1]); "
    "print('open', flush=True); sys.stdin.read(); db.close()"
)


def test_the_window_names_the_copy_that_holds_the_database(
    qtbot, db, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "critical", REAL_CRITICAL)
    path = db.path
    db.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    seen: list[tuple[str, str]] = []

    def answer_the_dialog() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        visible = [box for box in boxes if box.isVisible()]
        if not visible:
            QTimer.singleShot(100, answer_the_dialog)
            return
        box = visible[0]
        box.grab().save(str(tmp_path / "locked.png"))
        seen.append((box.windowTitle(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()  # as the user does

    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        QTimer.singleShot(100, answer_the_dialog)
        assert run_application(path, "en") == 1
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    assert seen and seen[0][0] == "Cannot open the database"
    text = seen[0][1]
    assert f"already open in ACEC Tracker on {platform.node()}" in text
    assert f"process {holder.pid}" in text and "a command" in text
    assert (tmp_path / "locked.png").stat().st_size > 0  # looked at: the whole text shows
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
