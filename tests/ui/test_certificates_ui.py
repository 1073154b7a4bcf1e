"""Issue certificates… and Print certificates… on an activity's Participants tab, as a user does."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services.records import list_records
from app.store import Database
from app.ui.records.certificates_dialog import IssueCertificatesDialog
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from tests.services.certificate_fixtures import training_with_trainees
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = [
    OFFSCREEN_NOISE,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]
# Pictures to look at by hand; in the temporary folder, which exists on every machine.
LOOK = Path(tempfile.gettempdir()) / "cert-look"


def _numbers(db: Database) -> dict[str, str | None]:
    return {p.uid: p["certificate"] for p in list_records(db, "participation")}


@pytest.fixture
def page(qtbot, make_db):
    db = make_db("KH", "Cambodia focal point")
    act, parts = training_with_trainees(db)
    page = RecordListPage(Workspace(db), "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.select_uid(act)
    panel = page.editor.participants
    page.editor.tabs.setCurrentWidget(panel)
    return page, db, parts


def _in_dialog(qtbot, act) -> list[str]:
    """Run ``act(dialog)`` once the modal dialog is up; return what it showed."""
    seen: list[str] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, IssueCertificatesDialog):
            QTimer.singleShot(20, step)
            return
        seen.append(dialog.summary.text())
        LOOK.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(LOOK / "issue-dialog.png"))
        act(dialog)

    QTimer.singleShot(0, step)
    return seen


def test_issue_confirm_undo_redo_and_print(qtbot, page, tmp_path, monkeypatch) -> None:
    page, db, parts = page
    panel = page.editor.participants
    assert panel.issue.isVisible() and panel.issue.isEnabled()

    # First the user changes their mind: Cancel changes nothing.
    seen = _in_dialog(
        qtbot,
        lambda d: qtbot.mouseClick(
            d.buttons.button(d.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
        ),
    )
    qtbot.mouseClick(panel.issue, Qt.MouseButton.LeftButton)
    assert seen and "3 certificates" in seen[0]
    assert not any(_numbers(db).values())

    def issue_dated(dialog: IssueCertificatesDialog) -> None:
        dialog.date.edit.clear()
        qtbot.keyClicks(dialog.date.edit, "2012-03-06")
        assert "ACEC-KH-2012-0001 to ACEC-KH-2012-0003" in dialog.summary.text()
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)

    seen = _in_dialog(qtbot, issue_dated)
    qtbot.mouseClick(panel.issue, Qt.MouseButton.LeftButton)
    assert _numbers(db)[parts["Chan Sophea"]] == "ACEC-KH-2012-0001"
    assert "Issued: 3 certificates" in panel.status.text()
    shown = {panel.model.index(r, 4).data() for r in range(panel.model.rowCount())}
    assert {"ACEC-KH-2012-0001", "ACEC-KH-2012-0003", ""} <= shown
    assert panel.model.index(0, 5).data() == "Mar 6, 2012"  # Chan Sophea, the first row
    LOOK.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(LOOK / "participants.png"))

    # One Undo takes every number back; Redo gives the same numbers again.
    assert page.ws.undo_stack.undoText() == "issue 3 certificates"
    page.ws.undo_stack.undo()
    assert not any(_numbers(db).values())
    assert all(panel.model.index(r, 4).data() == "" for r in range(panel.model.rowCount()))
    page.ws.undo_stack.redo()
    assert _numbers(db)[parts["Sok Dara"]] == "ACEC-KH-2012-0003"

    # Print: the save dialog is the system's; answer it as the user would.
    out = tmp_path / "certificates.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in panel.status.text(), timeout=10_000)
    assert "3 certificates" in panel.status.text()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.count("\f") == 3 and "Chan Sophea" in text


def test_nothing_left_to_number_disables_issue(qtbot, page) -> None:
    page, db, _parts = page
    panel = page.editor.participants
    page.ws.issue_certificates(panel.owner_uid, __import__("datetime").date(2012, 3, 6))
    dialog = IssueCertificatesDialog(page.ws, panel.owner_uid, panel)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.issue_button.isEnabled()
    assert "already has a certificate number" in dialog.summary.text()
    assert "3 trainees already have a number" in dialog.notes.text()
    dialog.date.edit.setText("6 March")
    dialog.refresh()
    assert dialog.error.isVisible() and "YYYY-MM-DD" in dialog.error.text()
    dialog.close()


def test_printing_before_issuing_says_what_to_do(qtbot, page, tmp_path) -> None:
    page, _db, _parts = page
    panel = page.editor.participants
    panel.print_certificates(tmp_path / "none.pdf")
    qtbot.waitUntil(lambda: panel.error.isVisible(), timeout=10_000)
    assert "issue them first" in panel.error.text()
    assert not (tmp_path / "none.pdf").exists() and panel.print_button.isEnabled()


def test_the_pattern_is_set_in_settings_and_a_bad_one_is_explained(qtbot, make_db) -> None:
    from app.services.certificates import office_pattern
    from app.ui.settings.settings_page import SettingsPage

    db = make_db("KH")
    settings = SettingsPage(Workspace(db))
    qtbot.addWidget(settings)
    settings.show()
    field = settings.certificate_pattern
    assert field.text() == "ACEC-{office}-{year}-{n:04}"
    field.selectAll()
    qtbot.keyClicks(field, "KH-CERT-{year}")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "needs {n} once" in settings.error.text()
    assert office_pattern(db) == "ACEC-{office}-{year}-{n:04}"
    field.selectAll()
    qtbot.keyClicks(field, "KH-CERT-{year}-{n:03}")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert settings.error.text() == "" and office_pattern(db) == "KH-CERT-{year}-{n:03}"
    LOOK.mkdir(parents=True, exist_ok=True)
    settings.grab().save(str(LOOK / "settings.png"))
