"""Texts fit where they are shown: chart labels, list columns, filter boxes, pop-ups, titles.

Each test measures with QFontMetrics what a text needs and compares it with the
room the widget gives it, in the languages where it was found cut.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QApplication, QGraphicsTextItem

from app.models.codes import FUNDING_SOURCE, label_of
from app.services.demo import generate_demo
from app.store import Database
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
