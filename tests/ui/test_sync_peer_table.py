"""The Sync page's per-office table and its Save receipt… button, with real databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.services.peer_stats import peer_stats
from app.services.records import create_record
from app.sync.export import ExportResult, export_package
from app.sync.importer import apply_import, prepare_import
from app.ui.sync.peer_table_model import PeerTableModel
from app.ui.sync.sync_page import SyncPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
WAIT = 15000


def _receive(db, path: Path) -> None:
    prepared = prepare_import(db, path)
    assert prepared.preview.key is not None
    apply_import(db, prepared, trust=prepared.preview.key.fingerprint)


def _page(qtbot, db) -> SyncPage:
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def _cell(page: SyncPage, row: int, column: int) -> str:
    model = page.peer_model
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_peer_model_passes_the_model_tester(qtmodeltester, make_db, tmp_path: Path) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    model = PeerTableModel()
    qtmodeltester.check(model)  # empty
    create_record(vn, "organisation", {"name": "Org", "type": "ngo"})
    export_package(vn, tmp_path / "1.xlsx")
    export_package(vn, tmp_path / "2.xlsx")
    _receive(sec, tmp_path / "2.xlsx")
    export_package(sec, tmp_path / "all.xlsx", to="ALL")
    model.set_rows(peer_stats(sec))
    qtmodeltester.check(model)
    assert model.rowCount() == 2  # VN and ALL


def test_the_table_shows_a_gap_and_the_receipt_reaches_the_sender(
    qtbot, make_db, tmp_path: Path
) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    create_record(vn, "organisation", {"name": "Org", "type": "ngo"})
    export_package(vn, tmp_path / "1.xlsx")
    export_package(vn, tmp_path / "2.xlsx")
    _receive(sec, tmp_path / "2.xlsx")  # the first never arrived
    page = _page(qtbot, sec)
    assert page.peer_model.rowCount() == 1
    assert _cell(page, 0, 0).endswith("(VN)")
    assert _cell(page, 0, 2) == "2" and _cell(page, 0, 3) == "1"  # number 1 is missing

    page.receipt_button.click()  # nothing chosen in the table yet
    assert "Choose the office" in page.status_label.text()
    page.peer_table.selectionModel().select(
        page.peer_model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    page.start_receipt(tmp_path / "receipt")
    qtbot.waitUntil(lambda: isinstance(page.last_result, ExportResult), timeout=WAIT)
    assert isinstance(page.last_result, ExportResult)
    assert page.last_result.recipient == "VN" and page.last_result.total == 0
    assert (tmp_path / "receipt.xlsx").is_file() and "receipt" in page.status_label.text()

    _receive(vn, tmp_path / "receipt.xlsx")
    country = _page(qtbot, vn)
    assert country.receipt_recipient() == "SEC"
    assert _cell(country, 0, 1).startswith("No. 2")
    assert _cell(country, 0, 4) == "1"  # SEC says number 1 never arrived
    assert _cell(country, 0, 7) != "—"  # their last receipt
