"""Texts fit where they are shown: chart labels, list columns, filter boxes, pop-ups, titles.

Each test measures with QFontMetrics what a text needs and compares it with the
room the widget gives it, in the languages where it was found cut.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGraphicsTextItem,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from app.demo import generate_demo
from app.models.codes import FUNDING_SOURCE, label_of
from app.store import Database
from app.ui.background import BackgroundTask
from app.ui.shell.application import choose_language, make_application
from app.ui.shell.main_window import MainWindow
from app.ui.shell.screenshots import WINDOW
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
WAIT = 30_000


def _chart_texts(view: QChartView) -> list[str]:
    """Every text QtCharts draws in a chart: title, axis labels, legend."""
    texts = []
    for item in view.scene().items():
        shown = item.toGraphicsObject()
        if shown is None or shown.metaObject().className() == "QChart":
            continue
        text = shiboken6.wrapInstance(shiboken6.getCppPointer(shown)[0], QGraphicsTextItem)
        if isinstance(text, QGraphicsTextItem) and text.isVisible():
            texts.append(text.toPlainText())
    return texts


def test_thai_funding_sources_show_whole_on_the_dashboard(qtbot, db: Database) -> None:
    generate_demo(db, 600, 1)
    app = make_application("th")  # as the program starts: its style, fonts and language
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(WINDOW)  # the default window size
    window.show()
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not page.counting, timeout=WAIT)
    QApplication.processEvents()
    view = next(v for v in page.findChildren(QChartView) if v.chart() is page.money_chart)
    texts = _chart_texts(view)
    sources = {label_of("funding_source", code) for code in FUNDING_SOURCE}
    assert len(page.money_chart.axes()[0].categories()) == len(sources)  # every source has money
    assert sources & set(texts), texts  # the Thai names are drawn ...
    shown = [t for t in texts if t in sources or t.endswith(("...", "…"))]
    assert shown and all(t in sources for t in shown)  # ... and none is cut to "..."
    choose_language(app, "en")


def _list_window(
    qtbot, db: Database, size: QSize, lang: str = "en"
) -> tuple[QApplication, MainWindow]:
    generate_demo(db, 300, 2)
    app = make_application(lang)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    return app, window


def _needed(page, column: int) -> int:  # type: ignore[no-untyped-def]
    """What a column's header and the cells shown need, measured with the view's font."""
    metrics = QFontMetrics(page.table.font())
    header = page.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    cells = [
        page.model.data(page.model.index(row, column)) or ""
        for row in range(min(40, page.model.rowCount()))
    ]
    return max(metrics.horizontalAdvance(str(t)) for t in [header, *cells])


MAXIMISED = QSize(1920, 1080)


def test_a_maximised_list_shows_its_dates_currencies_and_codes_whole(qtbot, db: Database) -> None:
    app, window = _list_window(qtbot, db, MAXIMISED)
    for kind, keys in (
        ("activity", ("start_date", "type", "status", "host_country")),
        ("funding", ("currency", "date", "kind", "amount")),
    ):
        page = window.show_page(kind)
        QApplication.processEvents()
        viewport = page.table.viewport().width()
        columns = [c.key for c in page.model.columns]
        for key in keys:
            i = columns.index(key)
            # Inside the visible part of the list, not beyond its right edge ...
            right = page.table.columnViewportPosition(i) + page.table.columnWidth(i)
            assert 0 <= page.table.columnViewportPosition(i) and right <= viewport, (kind, key)
            # ... and as wide as its header and its cells need.
            assert page.table.columnWidth(i) >= _needed(page, i), (kind, key)
        # The extra width of the maximised window went to the list, not the editor.
        assert page.splitter.sizes()[0] > 2 * page.splitter.sizes()[1]
    choose_language(app, "en")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["activity", "person", "green_envoy", "funding", "organisation"])
def test_the_editor_needs_no_horizontal_scrollbar(
    qtbot, db: Database, kind: str, lang: str
) -> None:
    app, window = _list_window(qtbot, db, WINDOW, lang)
    page = window.show_page(kind)
    page.select_uid(page.model.uid_at(0))
    QApplication.processEvents()
    scroll = page.editor.tabs.widget(0)
    assert isinstance(scroll, QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.widget().width() >= scroll.widget().minimumSizeHint().width()
    choose_language(app, "en")


def _text_room(combo: QComboBox) -> int:
    """The width of the part of a combo box that shows its current text."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return (
        combo.style()
        .subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        .width()
    )


def _widest_text(combo: QComboBox) -> int:
    metrics = combo.view().fontMetrics()
    return max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))


def test_filter_boxes_show_the_chosen_item_whole(qtbot, db: Database) -> None:
    app, window = _list_window(qtbot, db, WINDOW)
    page = window.show_page("activity")
    combo = page.filters["item"]
    capacity = next(i for i in range(combo.count()) if combo.itemText(i).startswith("2.5 "))
    longest = max(range(combo.count()), key=lambda i: len(combo.itemText(i)))
    for index in (capacity, longest):  # "2.5  Capacity-building training for ..."
        combo.setCurrentIndex(index)
        QApplication.processEvents()
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert _text_room(combo) >= needed, combo.currentText()
    combo.setCurrentIndex(0)  # "All: plan item" gives the room back
    QApplication.processEvents()
    assert combo.width() < needed
    choose_language(app, "en")


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
def test_pop_up_lists_are_as_wide_as_their_longest_item(qtbot, db: Database) -> None:
    app, window = _list_window(qtbot, db, WINDOW)
    page = window.show_page("activity")
    page.new_record()
    combos = list(page.filters.values()) + [
        w for w in page.editor.form.widgets.values() if isinstance(w, QComboBox)
    ]
    topics = page.editor.form.widgets["topic"]
    assert isinstance(topics, QComboBox)
    assert topics.findText("Urban and rural environmental management") >= 0
    for combo in combos:
        widest = _widest_text(combo)
        assert combo.view().minimumWidth() >= widest, combo.itemText(1)
        completer = combo.completer()
        if completer is not None:  # the list shown while typing
            assert completer.popup().minimumWidth() >= widest
        combo.showPopup()
        QApplication.processEvents()
        assert combo.view().width() >= widest, combo.itemText(1)
        combo.hidePopup()
    choose_language(app, "en")


def test_a_progress_dialog_is_wide_enough_for_its_title(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    task = BackgroundTask(parent, "Writing the package…", lambda _progress: None)
    shown = "Writing the package… — " + QApplication.applicationDisplayName()
    metrics = QFontMetrics(task.dialog.font())
    assert task.dialog.minimumWidth() >= metrics.horizontalAdvance(shown) + 100
    task.start()
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT)


@pytest.mark.parametrize("lang", ["fil", "my", "km"])
def test_the_page_names_show_whole_in_the_navigation(qtbot, db: Database, lang: str) -> None:
    app = make_application(lang)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(WINDOW)
    window.show()
    QApplication.processEvents()
    try:
        nav = window.nav
        room = nav.viewport().width() - nav.iconSize().width() - 8
        for row in range(nav.count()):
            text = nav.item(row).text()
            assert nav.fontMetrics().horizontalAdvance(text) <= room, text
    finally:
        window.close()
        choose_language(app, "en")
