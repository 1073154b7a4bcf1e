"""The pages of the main window: created when first shown, built again for a new language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.i18n import N_, _
from app.ui.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from app.ui.records.workspace import Workspace

# (key, label, icon: its meaning in app/ui/shell/icons.py)
PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard", N_("Dashboard"), "dashboard"),
    ("plan", N_("Action plan"), "plan"),
    ("activity", N_("Activities"), "activity"),
    ("person", N_("People"), "person"),
    ("green_envoy", N_("Green envoys"), "green_envoy"),
    ("funding", N_("Funding"), "funding"),
    ("organisation", N_("Organisations"), "organisation"),
    ("rates", N_("Exchange rates"), "rates"),
    ("sync", N_("Sync"), "sync"),
    ("review", N_("Review"), "review"),
    ("reports", N_("Reports"), "reports"),
    ("settings", N_("Settings"), "settings"),
)
PAGE_KEYS = tuple(key for key, _label, _icon in PAGES)
LIST_PAGES = ("activity", "person", "green_envoy", "funding", "organisation")
# The module behind each page, loaded on the worker while the database opens.
PAGE_MODULES = dict.fromkeys(LIST_PAGES, "app.ui.records.list_page") | {
    "dashboard": "app.ui.dashboard.dashboard_page",
    "plan": "app.ui.plan.plan_page",
    "sync": "app.ui.sync.sync_page",
    "review": "app.ui.review.review_page",
    "reports": "app.ui.reports.reports_page",
    "settings": "app.ui.settings.settings_page",
    "rates": "app.ui.rates.rates_page",
}


class PageStack(QStackedWidget):
    """One page at a time; a "please wait" page until a workspace is attached.

    The signals pass on what a page asks of the whole window.
    """

    open_plan_item = Signal(str)  # list the activities of this plan item
    language_chosen = Signal(str)  # show every text in this locale
    records_arrived = Signal()  # an import (or its undo) changed the database
    move_database = Signal(object)  # move the database into this folder (a Path)
    said = Signal(str)  # a short note for the status bar ("Saved …")
    open_record = Signal(str, str)  # kind, uid: show this record on its list page
    open_review = Signal(str)  # show the Review page, at this state ("" for all)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: dict[str, QWidget] = {}
        self.ws: Workspace | None = None
        self.waiting = WrappingLabel(self)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.waiting)
        self.retranslate()

    def attach(self, workspace: Workspace) -> None:
        """Pages may be built from now on, on ``workspace``."""
        self.ws = workspace

    def show_key(self, key: str) -> None:
        """Show page ``key``, or the waiting page while no workspace is attached."""
        self.setCurrentWidget(self.page(key) if self.ws is not None else self.waiting)

    def page(self, key: str) -> QWidget:
        """The page ``key``, created on first use (a workspace must be attached)."""
        if key not in self.pages:
            page = self._make_page(key)
            self.pages[key] = page
            self.addWidget(page)
            if hasattr(page, "restore_state"):
                page.restore_state(QSettings())
        return self.pages[key]

    def save_state(self, settings: QSettings) -> None:
        """Each page remembers its column widths, splitters and choices."""
        for page in self.pages.values():
            if hasattr(page, "save_state"):
                page.save_state(settings)

    def retranslate(self) -> None:
        """Drop every page (each is built again, in the current language, when shown)."""
        for page in self.pages.values():
            self.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.waiting.setText(_("Opening the database…"))

    def _make_page(self, key: str) -> QWidget:
        ws = self.ws
        assert ws is not None, "no database attached yet"
        if key in LIST_PAGES:
            from app.ui.records.list_page import RecordListPage

            records = RecordListPage(ws, key)
            records.said.connect(self.said)
            return records
        if key == "dashboard":
            from app.ui.dashboard.dashboard_page import DashboardPage

            dashboard = DashboardPage(ws)
            dashboard.open_record.connect(self.open_record)
            dashboard.open_review.connect(self.open_review)
            return dashboard
        if key == "review":
            from app.ui.review.review_page import ReviewPage

            review = ReviewPage(ws)
            review.open_record.connect(self.open_record)
            return review
        if key == "plan":
            from app.ui.plan.plan_page import PlanPage

            plan = PlanPage(ws)
            plan.open_item.connect(self.open_plan_item)
            return plan
        if key == "settings":
            from app.ui.settings.settings_page import SettingsPage

            settings = SettingsPage(ws)
            settings.language_chosen.connect(self.language_chosen)
            settings.move_requested.connect(self.move_database)
            return settings
        if key == "sync":
            from app.ui.sync.sync_page import SyncPage

            sync_page = SyncPage(ws.db, None)
            sync_page.changed.connect(self.records_arrived)
            return sync_page
        if key == "rates":
            from app.ui.rates.rates_page import RatesPage

            return RatesPage(ws)
        if key == "reports":
            from app.ui.reports.reports_page import ReportsPage

            return ReportsPage(ws.db, None)
        raise KeyError(key)
