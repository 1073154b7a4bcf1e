"""The main window: navigation on the left, the chosen page on the right."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.i18n import N_, _, format_datetime
from app.models.codes import label_of
from app.services.office_status import last_sync
from app.store import Database
from app.store.database import data_folder
from app.ui.records.workspace import Workspace
from app.ui.shell.icons import standard

# (key, label, standard icon)
PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard", N_("Dashboard"), "SP_ComputerIcon"),
    ("plan", N_("Action plan"), "SP_FileDialogListView"),
    ("activity", N_("Activities"), "SP_FileDialogDetailedView"),
    ("person", N_("People"), "SP_DirHomeIcon"),
    ("green_envoy", N_("Green envoys"), "SP_DialogYesButton"),
    ("funding", N_("Funding"), "SP_DriveHDIcon"),
    ("organisation", N_("Organisations"), "SP_DirIcon"),
    ("sync", N_("Sync"), "SP_BrowserReload"),
    ("reports", N_("Reports"), "SP_FileDialogContentsView"),
    ("settings", N_("Settings"), "SP_FileDialogInfoView"),
)
LIST_PAGES = ("activity", "person", "green_envoy", "funding", "organisation")


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class MainWindow(QMainWindow):
    """Navigation, pages created when first shown, menus, shortcuts and status bar."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ws = Workspace(db, self)
        self.ws.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        info = db.site_info
        title = _("ACEC Tracker — {office}").format(office=info.office_name)
        self.setWindowTitle(title + (" — " + _("DEMO") if info.demo else ""))
        self.setAcceptDrops(True)
        self.pages: dict[str, QWidget] = {}
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(1)
        for key, label, icon in PAGES:
            item = QListWidgetItem(standard(icon), _(label), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 14))
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(260)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([180, 1100])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._on_nav)
        self._restore()

    # --- pages ------------------------------------------------------------------

    def _make_page(self, key: str) -> QWidget:
        if key in LIST_PAGES:
            from app.ui.records.list_page import RecordListPage

            return RecordListPage(self.ws, key)
        if key == "dashboard":
            from app.ui.dashboard.dashboard_page import DashboardPage

            return DashboardPage(self.ws)
        if key == "plan":
            from app.ui.plan.plan_page import PlanPage

            page = PlanPage(self.ws)
            page.open_item.connect(self._on_open_plan_item)
            return page
        if key == "settings":
            from app.ui.settings.settings_page import SettingsPage

            return SettingsPage(self.ws)
        if key == "sync":
            try:
                from app.ui.sync.sync_page import SyncPage
            except ImportError:
                return _placeholder(_("Sync packages are not available in this version."))
            sync_page = SyncPage(self.db, None)
            sync_page.changed.connect(self._on_records_arrived)
            return sync_page
        if key == "reports":
            try:
                from app.ui.reports.reports_page import ReportsPage
            except ImportError:
                return _placeholder(_("Reports are not available in this version."))
            return ReportsPage(self.db, None)
        raise KeyError(key)

    def page(self, key: str) -> QWidget:
        """The page ``key``, created on first use."""
        if key not in self.pages:
            page = self._make_page(key)
            self.pages[key] = page
            self.stack.addWidget(page)
            if hasattr(page, "restore_state"):
                page.restore_state(QSettings())
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        """Switch to a page (as clicking it in the navigation does)."""
        keys = [k for k, _l, _i in PAGES]
        self.nav.setCurrentRow(keys.index(key))
        return self.pages[key]

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "dashboard"

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row][0]
        self.stack.setCurrentWidget(self.page(key))
        is_list = key in LIST_PAGES
        for action in (self.new_action, self.save_action, self.delete_action, self.find_action):
            action.setEnabled(is_list)

    def _on_records_arrived(self) -> None:
        """After an import (or its undo) every page shows the database afresh."""
        # Edits made before the import cannot be undone safely on top of it.
        self.ws.undo_stack.clear()
        for kind in (*LIST_PAGES, "participation", "least_developed_member"):
            self.ws.changed.emit(kind)
        self.refresh_status()

    def _on_open_plan_item(self, uid: str) -> None:
        page = self.show_page("activity")
        page.set_filter("item", uid)  # type: ignore[attr-defined]

    # --- actions ----------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(standard(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            _("&New"), self._on_new, QKeySequence.StandardKey.New, "SP_FileIcon"
        )
        self.save_action = self._action(
            _("&Save"), self._on_save, QKeySequence.StandardKey.Save, "SP_DialogSaveButton"
        )
        self.delete_action = self._action(
            _("&Delete…"), self._on_delete, QKeySequence.StandardKey.Delete, "SP_TrashIcon"
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action = self._action(_("&Find"), self._on_find, QKeySequence.StandardKey.Find)
        self.import_action = self._action(_("&Import package…"), self._on_import, "Ctrl+I")
        self.export_action = self._action(_("&Export package…"), self._on_export, "Ctrl+E")
        self.print_action = self._action(
            _("&Print…"), self._on_print, QKeySequence.StandardKey.Print
        )
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.ws.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ws.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.about_action = self._action(_("&About ACEC Tracker"), self.show_about)
        menu = self.menuBar().addMenu(_("&File"))
        for a in (
            self.new_action,
            self.save_action,
            None,
            self.import_action,
            self.export_action,
            self.print_action,
            None,
            self.quit_action,
        ):
            menu.addSeparator() if a is None else menu.addAction(a)
        menu = self.menuBar().addMenu(_("&Edit"))
        for a in (self.undo_action, self.redo_action, None, self.delete_action, self.find_action):
            menu.addSeparator() if a is None else menu.addAction(a)
        menu = self.menuBar().addMenu(_("&Go"))
        for i, (_key, label, _icon) in enumerate(PAGES):
            action = self._action(
                _(label),
                partial(self.nav.setCurrentRow, i),
                f"Ctrl+{i + 1}" if i < 9 else None,
            )
            menu.addAction(action)
        menu = self.menuBar().addMenu(_("&Help"))
        menu.addAction(self.about_action)

    def _current_list(self):  # type: ignore[no-untyped-def]
        key = self.current_key()
        return self.pages.get(key) if key in LIST_PAGES else None

    def _on_new(self) -> None:
        page = self._current_list()
        if page is not None:
            page.new_record()

    def _on_save(self) -> None:
        page = self._current_list()
        if page is not None:
            page.editor.save()

    def _on_delete(self) -> None:
        page = self._current_list()
        if page is not None:
            page.editor.delete()

    def _on_find(self) -> None:
        page = self._current_list()
        if page is not None:
            page.focus_search()

    def _sync_page(self) -> QWidget:
        return self.show_page("sync")

    def _on_import(self, path: Path | None = None) -> None:
        page = self._sync_page()
        if hasattr(page, "start_import"):
            page.start_import(path)

    def _on_export(self) -> None:
        page = self._sync_page()
        if hasattr(page, "start_export"):
            page.start_export()

    def _on_print(self) -> None:
        page = self.show_page("reports")
        if hasattr(page, "print_current"):
            page.print_current()

    def show_about(self) -> QMessageBox:
        """The About box (non-blocking)."""
        box = QMessageBox(self)
        box.setWindowTitle(_("About ACEC Tracker"))
        box.setIconPixmap(self.windowIcon().pixmap(48, 48))
        box.setText(
            "<b>ACEC Tracker</b> "
            + __version__
            + "<br>"
            + _("The ASEAN–China Environmental Cooperation Action Plan, offline.")
        )
        box.setInformativeText(
            _("Data folder: {folder}\nDatabase: {db}").format(folder=data_folder(), db=self.db.path)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        self._about = box
        return box

    # --- drag and drop ----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_workbook(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_workbook(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self._on_import(path)

    # --- status bar and remembered state ----------------------------------------

    def _build_status_bar(self) -> None:
        info = self.db.site_info
        bar = self.statusBar()
        self.demo_label = QLabel(" " + _("DEMO DATA") + " ", self)
        self.demo_label.setStyleSheet(
            "background: #c0392b; color: white; font-weight: bold; border-radius: 3px; padding: 1px 6px;"
        )
        self.demo_label.setToolTip(_("This database holds invented demonstration records."))
        self.demo_label.setVisible(info.demo)
        office = info.office_name
        if info.site != "SEC":
            office = _("{office} ({country})").format(
                office=office, country=label_of("site", info.site)
            )
        self.office_label = QLabel(_("Office: {office}").format(office=office), self)
        self.file_label = QLabel(str(self.db.path), self)
        self.file_label.setToolTip(_("The database file"))
        self.sync_label = QLabel(self)
        bar.addPermanentWidget(self.demo_label)
        bar.addPermanentWidget(self.office_label)
        bar.addPermanentWidget(self.file_label, 1)
        bar.addPermanentWidget(self.sync_label)
        self.refresh_status()

    def refresh_status(self) -> None:
        """Show the last sync again (after an import or export)."""
        last = last_sync(self.db)
        if last is None:
            self.sync_label.setText(_("Last sync: never"))
        else:
            self.sync_label.setText(
                _("Last sync: {when} ({peer})").format(
                    when=format_datetime(last.at, "short"), peer=label_of("site", last.peer)
                )
            )

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        keys = [k for k, _l, _i in PAGES]
        last = settings.value("window/page", "dashboard")
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def save_state(self) -> None:
        """Remember geometry, splitters, column widths and the page for next time."""
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/page", self.current_key())
        for page in self.pages.values():
            if hasattr(page, "save_state"):
                page.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for key in LIST_PAGES:
            page = self.pages.get(key)
            if page is not None and not page.editor.settle_changes():  # type: ignore[attr-defined]
                event.ignore()
                return
        self.save_state()
        super().closeEvent(event)


def _dropped_workbook(urls: list[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".xlsx"):
            return Path(url.toLocalFile())
    return None
