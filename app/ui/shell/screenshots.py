"""Every page rendered to PNG: for the README's pictures and to check pages draw."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, QSize
from PySide6.QtWidgets import QApplication, QWidget

from app.services.listing import ListQuery, fetch_rows
from app.store import Database
from app.ui.shell.main_window import MainWindow

WINDOW = QSize(1366, 800)


def use_settings_folder(folder: Path) -> None:
    """Keep QSettings in an .ini file in ``folder`` (never the user's own settings)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def _save(widget: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def _settle(seconds: float) -> None:
    """Let the event loop run for ``seconds`` (work Qt finishes on its own threads)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)


def render_pages(db: Database, folder: Path) -> list[Path]:
    """Render the main window on every page (and a few dialogs) into ``folder``."""
    from app.ui.records.pick_dialog import RecordDialog
    from app.ui.shell.wizard import FirstRunWizard

    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow(db)
    window.resize(WINDOW)
    window.show()
    written = []
    names = {
        "dashboard": "dashboard",
        "plan": "action_plan",
        "activity": "activities",
        "person": "people",
        "green_envoy": "green_envoys",
        "funding": "funding",
        "organisation": "organisations",
        "rates": "exchange_rates",
        "reports": "report_page",
        "sync": "sync",
        "settings": "settings",
    }
    for key, name in names.items():
        page: Any = window.show_page(key)
        _wait_for_page(page)
        if hasattr(page, "editor"):
            rows = page.model.rowCount()
            if rows:
                page.select_uid(page.model.row_at(min(2, rows - 1)).uid)
        written.append(_save(window, folder / f"{name}.png"))
    written.append(_save_preview(window, folder / "report_preview.png"))
    activities: Any = window.show_page("activity")
    trainings = fetch_rows(
        db,
        "activity",
        ListQuery(filters=(("type", "training"),), sort="participants", descending=True),
        0,
        1,
    )
    if trainings:
        activities.set_filter("type", "training")
        activities.select_uid(trainings[0].uid)
    written.append(_save(window, folder / "activity_form.png"))
    activities.editor.tabs.setCurrentWidget(activities.editor.participants)
    written.append(_save(window, folder / "activity_participants.png"))
    activities.editor.tabs.setCurrentWidget(activities.editor.funding)
    written.append(_save(window, folder / "activity_funding.png"))
    activities.set_filter("type", None)
    guide = window.show_guide("activity")  # the user guide, as F1 on Activities opens it
    written.append(_save(guide, folder / "guide.png"))
    guide.close()
    dialog = RecordDialog(window.ws, "person", window)
    dialog.show()
    written.append(_save(dialog, folder / "new_person.png"))
    dialog.close()
    wizard = FirstRunWizard()
    wizard.show()
    written.append(_save(wizard, folder / "wizard.png"))
    wizard.next()
    written.append(_save(wizard, folder / "wizard_office.png"))
    wizard.close()
    window.close()
    return written


def _save_preview(window: MainWindow, path: Path) -> Path:
    """The Reports page's print preview, opened as the Preview… button opens it."""
    page: Any = window.show_page("reports")
    _wait_for_page(page)
    page.preview_button.click()
    while page.preview is None:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    preview = page.preview
    preview.resize(WINDOW)
    _settle(1.0)
    saved = _save(preview, path)
    preview.close()
    _settle(0.2)
    return saved


LANGUAGE_PAGES = {"dashboard": "dashboard", "person": "people", "reports": "report_page"}


def _wait_for_page(page: Any) -> None:
    """Wait for the page's work on the worker (counts, a report) and its PDF pages."""
    while getattr(page, "counting", False) or getattr(page, "making", False):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    if hasattr(page, "view"):  # QPdfView paints its pages on a thread of its own
        _settle(1.0)


def render_language_pages(db: Database, folder: Path) -> list[Path]:
    """The Dashboard, a list, an activity form and the Reports page in the current language.

    The window is built anew so that every label is made in that language.
    """
    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow(db)
    window.resize(WINDOW)
    window.show()
    written = []
    for key, name in LANGUAGE_PAGES.items():
        page: Any = window.show_page(key)
        _wait_for_page(page)
        if hasattr(page, "editor") and page.model.rowCount():
            page.select_uid(page.model.row_at(0).uid)
        written.append(_save(window, folder / f"{name}.png"))
    activities: Any = window.show_page("activity")
    _wait_for_page(activities)
    if activities.model.rowCount():
        activities.select_uid(activities.model.row_at(0).uid)
    written.append(_save(window, folder / "activity_form.png"))
    window.close()
    return written


GUIDE_PICTURE_WIDTH = 800


def write_guide_pictures(shots: Path, guide: Path) -> list[Path]:
    """Copy every picture the user guide names from ``shots``, 800 pixels wide.

    The guide (``resources/guide/guide.md``) refers to ``images/NAME.png``;
    NAME is a screenshot of ``render_pages``. Smaller copies keep the package
    small while staying sharp at the width the guide shows them.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from app.guide.source import parse_guide

    written = []
    sections = parse_guide((guide / "guide.md").read_text(encoding="utf-8"))
    for path in sorted({b.image for s in sections for b in s.blocks if b.image}):
        image = QImage(str(shots / Path(path).name))
        if image.isNull():
            raise FileNotFoundError(shots / Path(path).name)
        if image.width() > GUIDE_PICTURE_WIDTH:
            image = image.scaledToWidth(
                GUIDE_PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation
            )
        # 256 colours are plenty for a screenshot and make the file a third the size.
        image = image.convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither
        )
        target = guide / path
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target), quality=0)  # PNG from the name; 0: the smallest file
        written.append(target)
    return written


def _wait_counted(page: Any) -> None:
    while page.counting:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _years_and_locks(window: MainWindow, folder: Path) -> Path:
    """The Review page's "Years and locks" tab, a locked year chosen (year_locks.png)."""
    review: Any = window.show_page("review")
    _wait_counted(review)
    review.tabs.setCurrentIndex(1)
    panel = review.years
    locked = [n for n, row in enumerate(panel.model.rows) if row.locked]
    if locked:
        panel.view.setCurrentIndex(panel.model.index(locked[-1], 0))
        panel.view.scrollTo(panel.model.index(locked[-1], 0))
    return _save(window, folder / "year_locks.png")


def render_review_pages(secretariat: Database, country: Database, folder: Path) -> list[Path]:
    """The secretariat's Dashboard at its completeness table (completeness.png), its Review
    page's years and locks (year_locks.png) and the country's people with the records the
    secretariat returned (returned_rows.png)."""
    from PySide6.QtWidgets import QScrollArea

    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow(secretariat)
    window.resize(WINDOW)
    window.show()
    page: Any = window.show_page("dashboard")
    _wait_counted(page)
    scroll = page.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    written = [_save(window, folder / "completeness.png")]
    written.append(_years_and_locks(window, folder))
    window.close()

    window = MainWindow(country)
    window.resize(WINDOW)
    window.show()
    people: Any = window.show_page("person")
    returned = sorted(people.model.returned.reasons, key=people.model.row_of)
    if returned:  # the second returned row, selected: its reason shows in the form
        uid = returned[min(1, len(returned) - 1)]
        people.select_uid(uid)
        index = people.model.index(people.model.row_of(uid), 0)
        people.table.scrollTo(index, people.table.ScrollHint.PositionAtCenter)
    _settle(0.3)
    written.append(_save(window, folder / "returned_rows.png"))
    window.close()
    return written
