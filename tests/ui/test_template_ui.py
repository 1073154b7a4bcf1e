"""Templates in the window: "Download template…", import by button or drop, the preview dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services.records import list_records
from app.store import Database
from app.sync.export import export_package
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from tests.templates.filling import fill

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _page(qtbot, db: Database, kind: str = "person") -> RecordListPage:
    page = RecordListPage(Workspace(db), kind)
    qtbot.addWidget(page)
    page.show()
    return page


def _save_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def _download(qtbot, monkeypatch, page: RecordListPage, path: Path) -> Path:
    _save_as(monkeypatch, path)
    with qtbot.waitSignal(page.said, timeout=10_000) as said:
        page.download_template_action.trigger()
    assert str(path) in said.args[0]
    return path


def _open_preview(qtbot, monkeypatch, page: RecordListPage, path: Path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    page.import_template_action.trigger()
    qtbot.waitUntil(lambda: page.templates.preview_dialog is not None, timeout=10_000)
    dialog = page.templates.preview_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_download_template_writes_a_template_of_the_pages_kind(
    qtbot, monkeypatch, db: Database, tmp_path: Path
) -> None:
    page = _page(qtbot, db, "funding")
    out = _download(qtbot, monkeypatch, page, tmp_path / "funding.xlsx")
    book = load_workbook(out)
    info = {row[0].value: row[1].value for row in book["acec_template"].iter_rows()}
    assert info["kind"] == "funding"


def test_a_filled_template_is_previewed_then_imported_into_the_list(
    qtbot, monkeypatch, db: Database, tmp_path: Path
) -> None:
    page = _page(qtbot, db)
    blank = _download(qtbot, monkeypatch, page, tmp_path / "people.xlsx")
    rows = [{"name": "Sok Dara", "country": "Cambodia"}, {"name": "Lan", "country": "vn"}]
    filled = fill(blank, rows, tmp_path / "filled.xlsx")
    dialog = _open_preview(qtbot, monkeypatch, page, filled)
    assert dialog.import_button.isVisible() and not dialog.marked_button.isVisible()
    assert dialog.table.item(0, 0).text() == "2"  # new
    assert "2 example rows were skipped." in dialog.summary_label.text()
    with qtbot.waitSignal(page.templates.imported, timeout=10_000):
        dialog.import_button.click()
    assert {r["name"] for r in list_records(db, "person")} == {"Sok Dara", "Lan"}
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_problems_are_listed_and_a_marked_copy_can_be_saved(
    qtbot, monkeypatch, db: Database, tmp_path: Path
) -> None:
    page = _page(qtbot, db)
    blank = _download(qtbot, monkeypatch, page, tmp_path / "people.xlsx")
    rows = [{"name": "Sok Dara", "country": "France"}]
    filled = fill(blank, rows, tmp_path / "filled.xlsx")
    dialog = _open_preview(qtbot, monkeypatch, page, filled)
    assert not dialog.import_button.isVisible() and dialog.marked_button.isVisible()
    assert dialog.problem_list.count() == 1
    assert "row 6" in dialog.problem_list.item(0).text()
    assert "France" in dialog.problem_list.item(0).text()
    assert dialog.marked_copy_name().name == "filled (marked).xlsx"
    marked = tmp_path / "marked.xlsx"
    _save_as(monkeypatch, marked)
    qtbot.mouseClick(dialog.marked_button, Qt.MouseButton.LeftButton)
    assert str(marked) in dialog.saved_label.text()
    sheet = load_workbook(marked)["People"]
    assert sheet["F6"].comment is not None and "France" in sheet["F6"].comment.text
    assert list_records(db, "person") == []


def _drop(page: RecordListPage, path: Path) -> None:
    """Drag the file over the page (which must accept it), then drop it.

    Qt delivers a drop only inside a real drag, so the drop goes to the page's handler.
    """
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(page.rect().center(), Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    page.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, buttons, keys))


def test_a_dropped_file_is_told_apart_by_its_content_not_its_name(
    qtbot, monkeypatch, db: Database, tmp_path: Path
) -> None:
    page = _page(qtbot, db)
    package = tmp_path / "people template.xlsx"
    export_package(db, package, to="SEC")
    _drop(page, package)
    qtbot.waitUntil(lambda: page.templates.error_box is not None, timeout=10_000)
    assert "sync package" in page.templates.error_box.text()
    blank = _download(qtbot, monkeypatch, page, tmp_path / "sync-package.xlsx")
    filled = fill(blank, [{"name": "Dropped", "country": "TH"}], tmp_path / "package.xlsx")
    _drop(page, filled)
    qtbot.waitUntil(lambda: page.templates.preview_dialog is not None, timeout=10_000)
    assert page.templates.preview_dialog.preview.count("new") == 1


def test_a_foreign_list_is_mapped_in_the_preview_and_the_mapping_remembered(
    qtbot, db: Database, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Full name", "Nationality", "Remarks"])
    book.active.append(["Sok Dara", "Cambodia", "Director"])
    book.save(tmp_path / "theirs.xlsx")
    page = _page(qtbot, db)
    _drop(page, tmp_path / "theirs.xlsx")
    qtbot.waitUntil(lambda: page.templates.preview_dialog is not None, timeout=10_000)
    first = page.templates.preview_dialog
    qtbot.waitUntil(first.isVisible)
    assert [b.currentData() for b in first.mapping_boxes] == ["name", "country", ""]
    remarks = first.mapping_boxes[2]
    remarks.setCurrentIndex(remarks.findData("position"))
    first.check_again_button.click()
    qtbot.waitUntil(lambda: page.templates.preview_dialog is not first, timeout=10_000)
    second = page.templates.preview_dialog
    qtbot.waitUntil(second.isVisible)
    assert second.chosen_mapping().keys == ("name", "country", "position")
    with qtbot.waitSignal(page.templates.imported, timeout=10_000):
        second.import_button.click()
    assert list_records(db, "person")[0]["position"] == "Director"
    page.templates.preview_dialog = None
    _drop(page, tmp_path / "theirs.xlsx")
    qtbot.waitUntil(lambda: page.templates.preview_dialog is not None, timeout=10_000)
    again = page.templates.preview_dialog
    assert [b.currentData() for b in again.mapping_boxes] == ["name", "country", "position"]
    assert again.preview.count("new") == 1  # the same person again is a new row: no duplicate check


def test_an_activitys_registration_list_is_downloaded_and_imported_from_its_participants(
    qtbot, monkeypatch, db: Database, tmp_path: Path
) -> None:
    from tests.ui.conftest import training

    activity = training(db, "EIA training")
    page = RecordListPage(Workspace(db), "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.select_uid(activity)
    panel = page.editor.participants
    page.editor.tabs.setCurrentWidget(panel)
    assert panel.registration.isEnabled()
    blank = tmp_path / "registration.xlsx"
    _save_as(monkeypatch, blank)
    with qtbot.waitSignal(panel.templates.said, timeout=10_000):
        panel.download_list_action.trigger()
    assert "EIA training" in load_workbook(blank).worksheets[1]["A1"].value
    rows = [{"name": "Sok Dara", "country": "KH"}, {"name": "Lan", "country": "VN"}]
    filled = fill(blank, rows, tmp_path / "filled.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(filled), ""))
    panel.import_list_action.trigger()
    qtbot.waitUntil(lambda: panel.templates.preview_dialog is not None, timeout=10_000)
    dialog = panel.templates.preview_dialog
    assert dialog.preview.activity_title == "EIA training"
    with qtbot.waitSignal(panel.templates.imported, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)


def test_a_template_given_to_the_sync_page_is_told_apart_by_its_content(
    qtbot, db: Database, tmp_path: Path
) -> None:
    from app.services.template_export import write_template_file
    from app.ui.sync.sync_page import SyncPage

    template = write_template_file(db, "people", tmp_path / "package-from-SEC.xlsx").path
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.show()
    page.start_import(template)
    qtbot.waitUntil(lambda: "filled template of People" in page.status_label.text(), timeout=10_000)
    assert "Import filled template" in page.status_label.text()


def test_the_preview_says_how_many_people_may_already_be_recorded(
    qtbot, monkeypatch, db: Database, tmp_path: Path
) -> None:
    from app.services.records import create_record

    moe = create_record(db, "organisation", {"name": "MoE", "type": "ministry", "country": "KH"})
    for name, year in (("Sok Dara", 1979), ("Chan Sophea", None)):
        values = {"name": name, "country": "KH", "organisation_uid": moe.uid, "birth_year": year}
        create_record(db, "person", values)
    page = _page(qtbot, db)
    blank = _download(qtbot, monkeypatch, page, tmp_path / "people.xlsx")
    rows = [
        {"name": "សុខ ដារ៉ា", "country": "Cambodia", "birth_year": 1979},  # in its script
        {"name": "SOPHEA Chan", "country": "KH", "organisation_uid": "MoE"},
        {"name": "Heng Samrin", "country": "KH", "organisation_uid": "MoE"},  # someone new
    ]
    dialog = _open_preview(qtbot, monkeypatch, page, fill(blank, rows, tmp_path / "f.xlsx"))
    assert dialog.duplicates_label.isVisible()
    assert "2 people in this file may already be in the database" in dialog.duplicates_label.text()
    with qtbot.waitSignal(page.templates.imported, timeout=10_000):
        dialog.import_button.click()
    assert len(list_records(db, "person")) == 5  # imported all the same: a note, not a refusal
