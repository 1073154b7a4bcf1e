"""The Exchange rates page, driven as a user would: edit a cell, paste a block,
import a sheet; read-only with a lock at a country office."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from app.services.exchange_rates import rate_table
from app.ui.rates.rates_page import RatesPage
from app.ui.rates.rates_table_model import RatesTableModel
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _page(qtbot, db) -> RatesPage:
    page = RatesPage(Workspace(db))
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def _index(page: RatesPage, year: int, currency: str):
    table = page.model.table
    return page.model.index(table.years.index(year), table.currencies.index(currency))


def test_the_model_passes_qts_checks(qtbot, qtmodeltester, make_db) -> None:
    model = RatesTableModel()
    model.set_table(rate_table(make_db("SEC")))
    qtmodeltester.check(model)
    assert "USD" not in model.table.currencies  # the reporting currency needs no rate


def test_editing_a_cell_saves_on_the_worker(qtbot, make_db, tmp_path: Path) -> None:
    sec = make_db("SEC")
    page = _page(qtbot, sec)
    index = _index(page, 2012, "VND")
    assert index.data() == "0.0000480123"
    assert "20,828 units for one US$" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Not verified" in index.data(Qt.ItemDataRole.ToolTipRole)
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, "0.00005")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rate_table(sec).rate(2012, "VND") == Decimal("0.00005"))
    qtbot.waitUntil(lambda: _index(page, 2012, "VND").data() == "0.00005")
    assert "1 changed" in page.message.text()
    assert _index(page, 2012, "VND").data(Qt.ItemDataRole.FontRole).bold()
    page.grab().save(str(tmp_path / "rates-sec.png"))


def test_a_wrong_value_is_refused_in_words(qtbot, make_db) -> None:
    sec = make_db("SEC")
    page = _page(qtbot, sec)
    assert not page.model.setData(_index(page, 2012, "VND"), "abc")
    assert "VND 2012" in page.message.text() and "not a number" in page.message.text()


def test_pasting_a_block_from_excel(qtbot, make_db) -> None:
    sec = make_db("SEC")
    page = _page(qtbot, sec)
    page.view.setCurrentIndex(_index(page, 2012, "THB"))
    QGuiApplication.clipboard().setText("0.032\t0.000048\n0.033\t\n")  # THB, VND; 2012, 2013
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Saved" in page.message.text())
    table = rate_table(sec)
    assert (table.rate(2012, "THB"), table.rate(2012, "VND")) == (
        Decimal("0.032"),
        Decimal("0.000048"),
    )
    assert table.rate(2013, "THB") == Decimal("0.033")
    # A bad block pastes nothing.
    QGuiApplication.clipboard().setText("0.04\tx\n")
    page.view.setCurrentIndex(_index(page, 2014, "THB"))
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "Nothing was pasted" in page.message.text()
    assert rate_table(sec).rate(2014, "THB") != Decimal("0.04")


def test_importing_a_sheet(qtbot, make_db, tmp_path: Path) -> None:
    sec = make_db("SEC")
    page = _page(qtbot, sec)
    book = Workbook()
    book.active.append(["year", "currency", "rate"])
    book.active.append([2015, "KHR", 0.000246])
    book.save(tmp_path / "rates.xlsx")
    page.import_sheet(tmp_path / "rates.xlsx")
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible())
    box = page.confirm_box
    assert box is not None and "1 changed" in box.text()
    assert rate_table(sec).rate(2015, "KHR") != Decimal("0.000246")  # not before Save
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "Imported" in page.message.text())
    assert rate_table(sec).rate(2015, "KHR") == Decimal("0.000246")


def test_read_only_with_a_lock_at_a_country(qtbot, make_db, tmp_path: Path) -> None:
    vn = make_db("VN")
    page = _page(qtbot, vn)
    index = _index(page, 2012, "VND")
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert page.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not page.import_button.isVisible()
    assert not page.model.setData(index, "0.00005")
    page.view.setCurrentIndex(index)
    QGuiApplication.clipboard().setText("0.00005")
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "kept by the joint secretariat" in page.message.text()
    assert rate_table(vn).rate(2012, "VND") == Decimal("0.0000480123")
    page.grab().save(str(tmp_path / "rates-vn.png"))
