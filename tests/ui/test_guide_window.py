"""The user guide in the window: F1 on each page, Help › User guide, search, Back, languages."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app import i18n
from app.guide.source import read_guide
from app.ui.help.guide_window import GuideWindow
from app.ui.shell.main_window import MainWindow
from app.ui.shell.page_stack import PAGE_KEYS
from app.word_breaks import BREAK, icu_available, with_break_opportunities
from tests.reports.test_line_breaks import WORDS

# Raising the guide's window is all the offscreen platform cannot do.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _heading_visible(guide: GuideWindow, key: str) -> bool:
    """Whether the heading of section ``key`` is inside the browser's visible area."""
    title = next(c.title for c in _contents(guide) if c[0] == key)
    cursor = guide.browser.document().find(title)
    while not cursor.isNull() and cursor.block().blockFormat().headingLevel() != 2:
        cursor = guide.browser.document().find(title, cursor)
    assert not cursor.isNull(), title
    start = QTextCursor(cursor)
    start.setPosition(cursor.selectionStart())
    rect = guide.browser.cursorRect(start)
    return guide.browser.viewport().rect().contains(rect.center())


class _Entry(tuple):  # (key, title) with a name for the title
    @property
    def title(self) -> str:
        return self[1]


def _contents(guide: GuideWindow) -> list[_Entry]:
    return [
        _Entry((item.data(Qt.ItemDataRole.UserRole), item.text()))
        for item in (guide.contents.item(row) for row in range(guide.contents.count()))
    ]


def test_f1_on_each_page_opens_its_section(qtbot, db) -> None:
    window = _window(qtbot, db)
    for key in PAGE_KEYS:
        window.show_page(key)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, Qt.Key.Key_F1)
        guide = window.guide
        assert guide is not None and guide.isVisible()
        assert guide.current_key == key, key
        assert guide.contents.currentItem().data(Qt.ItemDataRole.UserRole) == key
        assert _heading_visible(guide, key), key
    assert window.page_help_action.shortcut().toString() == "F1"


def test_help_menu_opens_the_guide_at_the_top(qtbot, db) -> None:
    window = _window(qtbot, db)
    window.show_page("funding")
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
    )
    labels = [a.text().replace("&", "") for a in help_menu.actions()]
    assert labels[:2] == ["User guide", "Help on this page"]
    window.guide_action.trigger()
    guide = window.guide
    assert guide is not None and guide.isVisible()
    assert guide.current_key == "start"
    assert guide.browser.verticalScrollBar().value() == 0
    assert _heading_visible(guide, "start")
    assert "First start" in guide.browser.toPlainText()
    # The pictures are found inside the package and drawn.
    html = guide.browser.document().toHtml()
    assert 'src="images/wizard.png"' in html
    image = guide.browser.document().resource(3, "images/wizard.png")  # 3: ImageResource
    assert image is not None and not image.isNull()
    guide.close()


def test_contents_search_and_back(qtbot, db) -> None:
    window = _window(qtbot, db)
    guide = window.show_guide()
    assert [e[0] for e in _contents(guide)] == [s.key for s in read_guide()]
    assert not guide.back_button.isEnabled()
    row = [e[0] for e in _contents(guide)].index("exchange")
    item = guide.contents.item(row)
    qtbot.mouseClick(
        guide.contents.viewport(),
        Qt.MouseButton.LeftButton,
        pos=guide.contents.visualItemRect(item).center(),
    )
    assert guide.current_key == "exchange" and _heading_visible(guide, "exchange")
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert guide.current_key == "start" and _heading_visible(guide, "start")
    assert not guide.back_button.isEnabled()
    qtbot.keyClicks(guide.search, "fingerprint")
    selected = guide.browser.textCursor()
    assert selected.selectedText() == "fingerprint"
    before = selected.selectionStart()
    qtbot.keyClick(guide.search, Qt.Key.Key_Return)
    assert guide.browser.textCursor().selectionStart() > before  # the next one
    guide.search.clear()
    qtbot.keyClicks(guide.search, "zzqx")
    assert guide.search_state.text() == "Not found in the guide"
    guide.close()


def test_guide_speaks_the_program_language(qtbot, db) -> None:
    window = _window(qtbot, db)
    guide = window.show_guide("activity")
    english = read_guide()
    paragraph = next(b.text for s in english if s.key == "activity" for b in s.blocks)
    assert paragraph in guide.browser.toPlainText()
    assert window.change_language("zh_Hans_CN")
    # Titles the catalogue already translates (the page names) come out in Chinese.
    titles = dict(_contents(guide))
    assert titles["dashboard"] == "概览"
    assert titles["activity"] == i18n._("Activities") != "Activities"
    assert guide.current_key == "activity"
    assert guide.windowTitle() == i18n._("ACEC Tracker user guide")
    # A paragraph is shown as the catalogue translates it (here one put in by the test).
    translated = "活动是行动计划某一项目下的培训、论坛、会议、研究或其他工作。"
    catalogue = i18n._translations
    catalogue._catalog[paragraph] = translated  # type: ignore[attr-defined]
    guide.retranslate()
    text = guide.browser.toPlainText()
    assert translated in text and paragraph not in text
    other = next(b.text for s in english if s.key == "sync" for b in s.blocks)
    shown = i18n._(other)
    assert shown != other and shown.replace("**", "") in text  # **labels** are shown in bold
    guide.close()


KHMER = re.compile("[\u1780-\u17ff]")


def _badly_broken_lines(guide: GuideWindow) -> tuple[int, int]:
    """(Khmer lines in the guide as laid out, those wider than the page or starting
    between two Khmer letters where ICU marks no break)."""
    width = guide.browser.document().textWidth()
    lines = wrong = 0
    block = guide.browser.document().begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            start = line.textStart()
            if not KHMER.search(text, start, start + line.textLength()):
                continue
            lines += 1
            inside = index > 0 and KHMER.match(text, start) and KHMER.match(text, start - 1)
            wrong += bool(inside or line.naturalTextWidth() > width + 1)
        block = block.next()
    return lines, wrong


@pytest.mark.skipif(not icu_available(), reason="no ICU library found")
def test_khmer_paragraphs_wrap_between_words_and_are_found(qtbot, db) -> None:
    window = _window(qtbot, db)
    assert window.change_language("km")
    # A paragraph translated as Khmer is written: words without spaces between them.
    paragraph = next(b.text for s in read_guide() if s.key == "activity" for b in s.blocks)
    sentence = "".join(WORDS["km"]) * 6
    i18n._translations._catalog[paragraph] = sentence  # type: ignore[attr-defined]
    guide = window.show_guide("activity")
    guide.retranslate()
    guide.resize(700, 600)
    qtbot.waitUntil(lambda: _badly_broken_lines(guide)[0] > 20)
    assert _badly_broken_lines(guide)[1] == 0
    # A phrase of several Khmer words is found although the text carries break marks.
    phrase = "".join(WORDS["km"][1:4])
    assert BREAK in with_break_opportunities(phrase)
    # Typed as a Khmer keyboard's input method delivers it (QTest types only ASCII).
    commit = QInputMethodEvent()
    commit.setCommitString(phrase)
    QApplication.sendEvent(guide.search, commit)
    assert guide.browser.textCursor().selectedText().replace(BREAK, "") == phrase
    guide.close()
