"""Qt's own texts follow the language: from Qt's .qm for Chinese, from our catalogue elsewhere.

Real message boxes, button boxes, line-edit context menus and a print
preview, shown and read back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from app import i18n
from app.ui.shell.application import QT_TRANSLATOR, choose_language
from app.ui.shell.qt_texts import QT_TEXTS, CatalogueQtTranslator
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE

Buttons = QMessageBox.StandardButton
Box = QDialogButtonBox.StandardButton


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    choose_language(qapp, "en")


def _message_box_buttons(qtbot: QtBot) -> list[str]:
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?", Buttons.Ok | Buttons.Cancel)
    qtbot.addWidget(box)
    box.show()
    texts = [box.button(b).text() for b in (Buttons.Ok, Buttons.Cancel)]
    box.close()
    return texts


def _context_menu(qtbot: QtBot) -> list[str]:
    edit = QLineEdit("ABC")
    qtbot.addWidget(edit)
    edit.show()
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    menu.deleteLater()
    return texts


def test_chinese_from_qt_s_own_translation(qapp: QApplication, qtbot: QtBot) -> None:
    choose_language(qapp, "zh_Hans_CN")
    [translator] = qapp.findChildren(QTranslator, QT_TRANSLATOR)
    assert not isinstance(translator, CatalogueQtTranslator)  # qtbase_zh_CN.qm
    assert _message_box_buttons(qtbot) == ["确定", "取消"]
    box = QDialogButtonBox(Box.Save | Box.Discard)
    qtbot.addWidget(box)
    assert box.button(Box.Save).text() == "保存"
    assert box.button(Box.Discard).text() == "丢弃"
    assert {"复制(&C)", "粘贴(&P)", "全选"} <= set(_context_menu(qtbot))


def test_vietnamese_from_our_catalogue(qapp: QApplication, qtbot: QtBot) -> None:
    choose_language(qapp, "vi")
    [translator] = qapp.findChildren(QTranslator, QT_TRANSLATOR)
    assert isinstance(translator, CatalogueQtTranslator)
    assert translator.translate("QPlatformTheme", "Cancel") == i18n._("Cancel") == "Hủy"
    assert _message_box_buttons(qtbot)[1] == "Hủy"
    assert "Xóa" in _context_menu(qtbot)  # "Delete"
    # A text Qt does not ask through these contexts is not ours to answer.
    assert translator.translate("QSslSocket", "Cancel") is None


def test_english_has_no_qt_translator(qapp: QApplication, qtbot: QtBot) -> None:
    choose_language(qapp, "vi")
    choose_language(qapp, "en")
    assert qapp.findChildren(QTranslator, QT_TRANSLATOR) == []
    assert _message_box_buttons(qtbot) == ["OK", "Cancel"]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def _write_catalogue(folder: Path, lang: str, pairs: dict[str, str]) -> None:
    target = folder / lang / "LC_MESSAGES"
    target.mkdir(parents=True)
    body = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for key, value in pairs.items():
        body += [f'msgid "{key}"', f'msgstr "{value}"', ""]
    (target / "messages.po").write_text("\n".join(body), encoding="utf-8")


THAI = {
    "OK": "ตกลง",
    "Cancel": "ยกเลิก",
    "Save": "บันทึก",
    "Discard": "ไม่บันทึก",
    "&Copy": "คัดลอก(&C)",
    "Next page": "หน้าถัดไป",
    "Print": "พิมพ์",
    "Print Preview": "ตัวอย่างก่อนพิมพ์",
}


def test_no_dialog_is_half_english(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the texts translated in the catalogue, every one of them reaches Qt's widgets."""
    _write_catalogue(tmp_path, "th", THAI)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    choose_language(qapp, "th")
    assert _message_box_buttons(qtbot) == ["ตกลง", "ยกเลิก"]
    box = QDialogButtonBox(Box.Save | Box.Discard)
    qtbot.addWidget(box)
    assert [box.button(b).text() for b in (Box.Save, Box.Discard)] == [
        "บันทึก",
        "ไม่บันทึก",
    ]
    assert "คัดลอก(&C)" in _context_menu(qtbot)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # alive as long as the dialog
    preview = QPrintPreviewDialog(printer)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.windowTitle() == "ตัวอย่างก่อนพิมพ์"
    texts = {a.text() for a in preview.findChildren(QAction)}
    assert {"หน้าถัดไป", "พิมพ์"} <= texts
    assert "Next page" not in texts
    preview.close()


def test_every_qt_text_is_in_the_catalogue_template() -> None:
    with (i18n.TRANSLATIONS_DIR / "messages.pot").open("rb") as fh:
        from babel.messages.pofile import read_po

        ids = {m.id for m in read_po(fh)}
    assert {text for texts in QT_TEXTS.values() for text in texts} <= ids
