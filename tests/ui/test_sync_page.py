"""The Sync page and its dialogs, driven with qtbot: export, preview, import, Cancel, undo."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.dump import dump_json
from app.services.records import create_record
from app.sync.export import ExportResult, export_package
from app.sync.importer import ImportResult
from app.sync.layout import KEY_ROW
from app.sync.undo import UndoResult
from app.ui import background
from app.ui.sync.sync_page import SyncPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
WAIT = 15000


def _package(make_db, tmp_path: Path, name: str = "vn.xlsx") -> Path:
    vn = make_db("VN")
    create_record(vn, "person", {"name": "Pham Thi B", "country": "VN", "phone": "0912"})
    create_record(vn, "organisation", {"name": "=Ministry", "type": "ministry"})
    path = tmp_path / name
    export_package(vn, path)
    return path


def _page(qtbot, db) -> SyncPage:
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(900, 640)
    page.show()
    return page


def test_export_through_the_dialog(qtbot, db, tmp_path: Path) -> None:
    create_record(db, "person", {"name": "Le Van C", "country": "VN"})
    page = _page(qtbot, db)
    page.start_export()
    dialog = page.export_dialog
    assert dialog is not None and dialog.recipient() == "SEC"
    assert not dialog.recipient_combo.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "to-sec"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(page.last_result, ExportResult), timeout=WAIT)
    assert (tmp_path / "to-sec.xlsx").is_file()
    assert "1 record" in page.status_label.text()
    assert page.packages_table.rowCount() == 1
    assert page.packages_table.item(0, 4).text() == "written"


def test_export_dialog_cancel_writes_nothing(qtbot, sec_db, tmp_path: Path) -> None:
    page = _page(qtbot, sec_db)
    page.start_export()
    dialog = page.export_dialog
    assert dialog is not None and dialog.recipient_combo.count() == 13
    dialog.recipient_combo.setCurrentIndex(dialog.recipient_combo.findData("ALL"))
    assert dialog.full_check.isChecked() and not dialog.full_check.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "x.xlsx"))
    dialog.buttons.rejected.emit()
    assert page.last_result is None and not list(tmp_path.glob("*.xlsx"))
    assert page.packages_table.rowCount() == 0


def test_import_preview_confirm_key_and_undo(qtbot, make_db, sec_db, tmp_path: Path) -> None:
    path = _package(make_db, tmp_path)
    before = dump_json(sec_db)
    page = _page(qtbot, sec_db)
    assert not page.undo_button.isEnabled()
    page.start_import(path)
    qtbot.waitUntil(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=WAIT
    )
    dialog = page.preview_dialog
    counts = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert counts == {"Organisations": "1", "People": "1"}
    assert dump_json(sec_db) == before  # the preview changed nothing
    # A first package: Import waits for the officer to confirm the fingerprint.
    assert dialog.trust_check.isVisible() and not dialog.import_button.isEnabled()
    dialog.trust_check.click()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: isinstance(page.last_result, ImportResult), timeout=WAIT)
    assert "Pham Thi B" in dump_json(sec_db)
    assert "2 new" in page.status_label.text()
    assert page.acks_table.rowCount() >= 1 and page.undo_button.isEnabled()
    assert page.packages_table.item(0, 4).text() == "imported"

    page.start_undo()
    box = page.undo_box
    assert box is not None and "vn.xlsx" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: isinstance(page.last_result, UndoResult), timeout=WAIT)
    assert dump_json(sec_db) == before


def test_preview_cancel_changes_nothing(qtbot, make_db, sec_db, tmp_path: Path) -> None:
    path = _package(make_db, tmp_path)
    before = dump_json(sec_db)
    page = _page(qtbot, sec_db)
    page.start_import(path)
    qtbot.waitUntil(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=WAIT
    )
    page.preview_dialog.cancel_button.click()
    assert "cancelled" in page.status_label.text()
    background.wait_for_worker()
    assert dump_json(sec_db) == before
    assert page.last_result is None


def test_refused_package_shows_located_problems(qtbot, make_db, sec_db, tmp_path: Path) -> None:
    path = _package(make_db, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["People"]
    keys = [c.value for c in ws[KEY_ROW + 1]]
    ws.cell(row=3, column=keys.index("country") + 1).value = "ZZ"
    book.save(path)
    before = dump_json(sec_db)
    page = _page(qtbot, sec_db)
    page.start_import(path)
    qtbot.waitUntil(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=WAIT
    )
    dialog = page.preview_dialog
    assert dialog.import_button.isHidden() and dialog.cancel_button.text() == "Close"
    problems = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert any(p.startswith("sheet People, row 3, column") and "ZZ" in p for p in problems)
    assert "refused" in page.status_label.text()
    dialog.cancel_button.click()
    assert dump_json(sec_db) == before
    assert page.packages_table.item(0, 4).text() == "refused"


def test_preview_warns_of_an_office_whose_clock_runs_ahead(
    qtbot, make_db, sec_db, tmp_path: Path
) -> None:
    from sqlalchemy import update

    from app.models import Organisation

    vn = make_db("VN")
    org = create_record(vn, "organisation", {"name": "From 2099", "type": "ngo"})
    with vn.session() as session:
        session.execute(
            update(Organisation)
            .where(Organisation.uid == org.uid)
            .values(version="4070908800000.000000.VN")
        )
    path = tmp_path / "vn.xlsx"
    export_package(vn, path)
    page = _page(qtbot, sec_db)
    page.start_import(path)
    qtbot.waitUntil(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=WAIT
    )
    dialog = page.preview_dialog
    assert dialog.warnings.isVisible()
    assert "The clock of office VN is" in dialog.warnings.text()
    assert not dialog.import_button.isHidden()  # a warning, not a refusal
    dialog.cancel_button.click()
    background.wait_for_worker()


def test_cancel_while_reading_changes_nothing(qtbot, make_db, sec_db, tmp_path: Path) -> None:
    path = _package(make_db, tmp_path)
    before = dump_json(sec_db)
    page = _page(qtbot, sec_db)
    gate = threading.Event()
    background._executor.submit(gate.wait)  # hold the worker so Cancel comes first
    try:
        page.start_import(path)
        assert page.busy()
        page._task.dialog.canceled.emit()  # the Cancel button of the progress dialog
    finally:
        gate.set()
    qtbot.waitUntil(lambda: "Cancelled" in page.status_label.text(), timeout=WAIT)
    assert page.preview_dialog is None and not page.busy()
    assert dump_json(sec_db) == before


def test_undo_without_import_says_so(qtbot, sec_db) -> None:
    page = _page(qtbot, sec_db)
    page.start_undo()
    assert page.undo_box is None and "no import to undo" in page.status_label.text()


def test_page_and_preview_render(qtbot, make_db, sec_db, tmp_path: Path) -> None:
    path = _package(make_db, tmp_path)
    page = _page(qtbot, sec_db)
    page.start_import(path)
    qtbot.waitUntil(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=WAIT
    )
    assert page.preview_dialog.grab().save(str(tmp_path / "preview.png"))
    page.preview_dialog.trust_check.click()
    page.preview_dialog.import_button.click()
    qtbot.waitUntil(lambda: isinstance(page.last_result, ImportResult), timeout=WAIT)
    export_package(sec_db, tmp_path / "back.xlsx", to="VN")
    page.refresh()
    assert page.grab().save(str(tmp_path / "sync.png"))
    assert page.packages_table.rowCount() == 2


def test_preview_says_how_many_people_may_already_be_recorded(
    qtbot, make_db, sec_db, tmp_path: Path
) -> None:
    """The package brings two people; one of them the secretariat recorded already."""
    vn = make_db("VN")
    for name, email in (("Pham Thi B", "pham.b@monre.gov.vn"), ("Le Van C", None)):
        create_record(vn, "person", {"name": name, "country": "VN", "email": email})
    path = tmp_path / "vn.xlsx"
    export_package(vn, path)
    create_record(
        sec_db, "person", {"name": "B. Pham", "country": "VN", "email": "Pham.B@monre.gov.vn"}
    )
    page = _page(qtbot, sec_db)
    page.start_import(path)
    qtbot.waitUntil(
        lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=WAIT
    )
    label = page.preview_dialog.duplicates_label
    assert label.isVisible()
    assert "1 person in this file may already be in the database" in label.text()
    page.preview_dialog.cancel_button.click()
