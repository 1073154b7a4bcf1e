"""The main window: navigation on the left, the chosen page on the right.

The window is built before a database is open (start-up shows it at once and
attaches the database when the worker has opened it), and builds its texts
again when the user picks another language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QWidget,
)

from app import __version__
from app.i18n import _
from app.locations import data_folder
from app.ui.shell.database_switch import DatabaseSwitch
from app.ui.shell.icons import icon as named_icon
from app.ui.shell.office_status_bar import OfficeStatusBar
from app.ui.shell.page_roles import ImportingPage, LanguageChoosingPage, PrintingPage
from app.ui.shell.page_stack import LIST_PAGES, PAGE_KEYS, PAGES, PageStack
from app.ui.shell.recent_databases import clear_recent, note_recent, recent_databases

if TYPE_CHECKING:
    from app.store import Database
    from app.ui.help.guide_window import GuideWindow
    from app.ui.records.list_page import RecordListPage
    from app.ui.records.workspace import Workspace

SAID_MS = 5000  # how long a note such as "Saved …" stays in the status bar


class MainWindow(QMainWindow):
    """Navigation, pages created when first shown, menus, shortcuts and status bar."""

    ready = Signal()  # a database is attached and the current page shows it

    db: Database
    ws: Workspace

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.undo_group = QUndoGroup(self)
        self.guide: GuideWindow | None = None  # made when first asked for
        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(1)
        for key, _label, icon in PAGES:
            item = QListWidgetItem(named_icon(icon), "", self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 14))
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(260)
        self.stack = PageStack(self)
        self.stack.open_plan_item.connect(self._on_open_plan_item)
        self.stack.open_record.connect(self.show_record)
        self.stack.open_review.connect(self.show_review)
        self.stack.language_chosen.connect(self._on_language_chosen)
        self.stack.records_arrived.connect(self._on_records_arrived)
        self.stack.move_database.connect(self.move_database_to)
        self.stack.said.connect(lambda text: self.statusBar().showMessage(text, SAID_MS))
        self.switch = DatabaseSwitch(self)
        self.waiting = self.stack.waiting
        self.pages = self.stack.pages
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([180, 1100])
        self.setCentralWidget(self.splitter)
        self.status = OfficeStatusBar(self)
        self.setStatusBar(self.status)
        self._retranslate()
        self._nav_row = -1  # the page shown, kept when the user cancels leaving it
        self.nav.currentRowChanged.connect(self._on_nav)
        self._restore()
        if db is not None:
            self.attach(db)

    @property
    def is_ready(self) -> bool:
        """Whether a database is attached."""
        return self.stack.ws is not None

    def attach(self, db: Database) -> None:
        """Show ``db``: its office in the status bar, its records on the pages."""
        from app.ui.records.workspace import Workspace

        self.db = db
        self.ws = Workspace(db, self)
        self.ws.failed.connect(self._on_step_failed)
        self.undo_group.addStack(self.ws.undo_stack)
        self.undo_group.setActiveStack(self.ws.undo_stack)
        self.stack.attach(self.ws)
        self.status.attach(db)
        self._set_title()
        self._on_nav(self.nav.currentRow())
        note_recent(db.path)
        self._fill_recent_menu()
        if db.notices:
            self._tell_notices(db.notices)
        QTimer.singleShot(0, self, self.ready.emit)

    def detach(self) -> Database:
        """Take the database off the window (pages dropped, "opening…" shown); return it."""
        from app.ui.background import wait_for_worker

        self.save_state()
        wait_for_worker()  # a page may still be counting on it
        db = self.db
        self.stack.retranslate()  # every page goes; built again on the next database
        self.stack.ws = None
        self.undo_group.removeStack(self.ws.undo_stack)
        self.ws.deleteLater()
        self.status.show_opening(db.path)
        self._set_title()
        self._on_nav(self.nav.currentRow())
        return db

    def close_database(self) -> None:
        """Detach the database and close it (another one is about to be attached)."""
        self.detach().close()

    def open_database_file(self, path: Path) -> bool:
        """Switch to the database at ``path`` (File › Open database…, Open recent)."""
        return self.switch.open_file(path)

    def move_database_to(self, folder: Path) -> bool:
        """Move the database with its key and backups into ``folder``, then reopen it there."""
        return self.switch.move_to(folder)

    def _tell_notices(self, notices: list[str]) -> None:
        """What opening the database found (a replaced key, files cleaned up), in a dialog."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("About this database"),
            "\n\n".join(notices),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notice_box = box
        box.open()  # not exec(): the window stays usable behind it

    def show_opening(self, path: Path) -> None:
        """Say that the database at ``path`` is being opened (before ``attach``)."""
        self.status.show_opening(path)

    # --- pages ------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page ``key``, created on first use (a database must be attached)."""
        return self.stack.page(key)

    def show_page(self, key: str) -> QWidget:
        """Switch to a page (as clicking it in the navigation does)."""
        self.nav.setCurrentRow(PAGE_KEYS.index(key))
        return self.pages[key]

    def current_key(self) -> str:
        """The key of the page chosen in the navigation."""
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "dashboard"

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        if row != self._nav_row and not self._settle_leaving(self._nav_row):
            # Cancel: stay on the page and the record being edited.
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self._nav_row)
            self.nav.blockSignals(False)
            return
        self._nav_row = row
        key = PAGE_KEYS[row]
        ready = self.is_ready
        self.stack.show_key(key)
        is_list = key in LIST_PAGES
        for action in (self.new_action, self.save_action, self.delete_action, self.find_action):
            action.setEnabled(ready and is_list)
        for action in (self.import_action, self.export_action, self.print_action):
            action.setEnabled(ready)

    def _settle_leaving(self, row: int) -> bool:
        """Before another page shows: offer to save the edits on the page left."""
        if not 0 <= row < len(PAGE_KEYS) or PAGE_KEYS[row] not in LIST_PAGES:
            return True
        page = self._list_page(PAGE_KEYS[row])
        return page is None or page.editor.settle_changes()

    def _on_records_arrived(self) -> None:
        """After an import (or its undo) every page shows the database afresh."""
        # Edits made before the import cannot be undone safely on top of it.
        self.ws.undo_stack.clear()
        for kind in (*LIST_PAGES, "participation", "least_developed_member"):
            self.ws.changed.emit(kind)
        self.refresh_status()

    def _on_open_plan_item(self, uid: str) -> None:
        self.show_page("activity")
        page = self._list_page("activity")
        if page is not None:
            page.set_filter("item", uid)

    def show_review(self, state: str) -> None:
        """The Review page, showing the records in ``state`` (all when empty)."""
        page = self.show_page("review")
        show_state = getattr(page, "show_state", None)
        if show_state is not None:
            show_state(state)

    def show_record(self, kind: str, uid: str) -> None:
        """Show one record on its list page (asked from the Review page)."""
        if kind not in LIST_PAGES:
            return
        self.show_page(kind)
        page = self._list_page(kind)
        if page is not None:
            page.show_record(uid)
        self.raise_()
        self.activateWindow()

    def _on_step_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- language ---------------------------------------------------------------

    def _on_language_chosen(self, ident: str) -> None:
        # Later, not now: the Settings page that asked is among the pages rebuilt.
        QTimer.singleShot(0, self, lambda: self._apply_language(ident))

    def _apply_language(self, ident: str) -> None:
        if not self.change_language(ident):
            settings = self.pages.get("settings")
            if isinstance(settings, LanguageChoosingPage):
                settings.revert_language()

    def change_language(self, ident: str) -> bool:
        """Show every text in language ``ident``; False if the user kept unsaved edits."""
        if not self.settle_edits():
            return False
        from app.ui.shell.application import choose_language

        self.save_state()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        choose_language(app, ident)
        self.ws.retranslate()  # before the Undo action is made again, which reads its text
        self.stack.retranslate()
        self._retranslate()  # shows the current page again, built anew
        self.status.retranslate()
        if self.guide is not None:
            self.guide.retranslate()
        return True

    def _set_title(self) -> None:
        # Qt appends the application's display name ("— ACEC Tracker") itself.
        title = _("ACEC Tracker")
        if self.is_ready:
            from app.models.codes import shown_office_name

            info = self.db.site_info
            title = shown_office_name(info.site, info.office_name)
            title += " — " + _("DEMO") if info.demo else ""
        self.setWindowTitle(title)

    def _retranslate(self) -> None:
        """Window title, navigation, menus and actions in the current language."""
        self._set_title()
        for row, (_key, label, _icon) in enumerate(PAGES):
            self.nav.item(row).setText(_(label))
        self._fit_nav_width()
        for action in self.actions():
            self.removeAction(action)
            action.deleteLater()
        for menu in self.menuBar().findChildren(QMenu):
            menu.deleteLater()
        self.menuBar().clear()
        self._build_actions()
        if self.nav.currentRow() >= 0:
            self._on_nav(self.nav.currentRow())

    def _fit_nav_width(self) -> None:
        """Wide enough for the longest page name in this language (Filipino's are long)."""
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.nav.item(r).text()) for r in range(len(PAGES)))
        # The icon, its gap, the item's and the frame's margins.
        needed = widest + self.nav.iconSize().width() + 36
        self.nav.setMinimumWidth(max(170, needed))
        self.nav.setMaximumWidth(max(260, needed))

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
            action.setIcon(named_icon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(_("&New"), self._on_new, QKeySequence.StandardKey.New, "new")
        self.save_action = self._action(
            _("&Save"), self._on_save, QKeySequence.StandardKey.Save, "save"
        )
        self.delete_action = self._action(
            _("&Delete…"), self._on_delete, QKeySequence.StandardKey.Delete, "delete"
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action = self._action(
            _("&Find"), self._on_find, QKeySequence.StandardKey.Find, "find"
        )
        self.import_action = self._action(
            _("&Import package…"), self._on_import, "Ctrl+I", "import"
        )
        self.export_action = self._action(
            _("&Export package…"), self._on_export, "Ctrl+E", "export"
        )
        self.print_action = self._action(
            _("&Print…"), self._on_print, QKeySequence.StandardKey.Print, "print"
        )
        self.quit_action = self._action(
            _("&Quit"), self.close, QKeySequence.StandardKey.Quit, "quit"
        )
        self.open_database_action = self._action(
            _("&Open database…"), self._on_open_database, QKeySequence.StandardKey.Open, "open"
        )
        self.undo_action = self.undo_group.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(named_icon("undo"))
        self.redo_action = self.undo_group.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIcon(named_icon("redo"))
        self.addActions([self.undo_action, self.redo_action])
        self.about_action = self._action(_("&About ACEC Tracker"), self.show_about, icon="about")
        self.guide_action = self._action(_("&User guide"), self.show_guide, icon="guide")
        # F1 anywhere in the window: the guide at the section of the page shown.
        self.page_help_action = self._action(
            _("Help on this &page"),
            self._on_page_help,
            QKeySequence.StandardKey.HelpContents,
            "help",
        )
        self.page_help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu = self.menuBar().addMenu(_("&File"))
        menu.addAction(self.open_database_action)
        self.recent_menu = menu.addMenu(_("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        menu.addSeparator()
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
        menu.addAction(self.guide_action)
        menu.addAction(self.page_help_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

    def _fill_recent_menu(self) -> None:
        """The recent databases; one that is gone is shown greyed out."""
        menu = self.recent_menu
        menu.clear()
        current = self.db.path if self.is_ready else None
        paths = [p for p in recent_databases() if p != current]
        for path in paths:
            action = menu.addAction(str(path))
            if path.is_file():
                action.triggered.connect(partial(self.open_database_file, path))
            else:
                action.setText(_("{path} (not found)").format(path=path))
                action.setEnabled(False)
        if not paths:
            menu.addAction(_("No other databases opened yet")).setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction(_("Clear this list")).triggered.connect(self._on_clear_recent)

    def _on_clear_recent(self) -> None:
        clear_recent()
        if self.is_ready:
            note_recent(self.db.path)
        self._fill_recent_menu()

    def _on_open_database(self) -> None:
        folder = self.db.path.parent if self.is_ready else data_folder()
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open database"),
            str(folder),
            _("ACEC Tracker databases (*.sqlite);;All files (*)"),
        )
        if name:
            self.open_database_file(Path(name))

    def _current_list(self) -> RecordListPage | None:
        return self._list_page(self.current_key())

    def _list_page(self, key: str | None) -> RecordListPage | None:
        """The list page of ``key`` once it is built; None for other pages."""
        if key not in LIST_PAGES:
            return None
        # cast, not isinstance: importing the list page here would load the
        # database libraries before the window shows.
        return cast("RecordListPage | None", self.pages.get(key))

    def settle_edits(self) -> bool:
        """Ask about unsaved edits on every list page; False if the user cancels."""
        for key in LIST_PAGES:
            page = self._list_page(key)
            if page is not None and not page.editor.settle_changes():
                return False
        return True

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
        if not self.is_ready:
            return
        page = self._sync_page()
        if isinstance(page, ImportingPage):
            page.start_import(path)

    def _on_export(self) -> None:
        if not self.is_ready:
            return
        page = self._sync_page()
        if isinstance(page, ImportingPage):
            page.start_export()

    def _on_print(self) -> None:
        if not self.is_ready:
            return
        page = self.show_page("reports")
        if isinstance(page, PrintingPage):
            page.print_current()

    def show_guide(self, key: str = "start") -> GuideWindow:
        """The user guide's window, at section ``key`` (Help › User guide: the top)."""
        from app.ui.help.guide_window import GuideWindow

        if self.guide is None:
            self.guide = GuideWindow(self)
        self.guide.open_at(key)
        if self.guide.isVisible():  # open behind the window: bring it to the front
            self.guide.raise_()
        self.guide.show()
        self.guide.activateWindow()
        return self.guide

    def _on_page_help(self) -> None:
        self.show_guide(self.current_key())

    def show_about(self) -> QMessageBox:
        """The About box (non-blocking)."""
        box = QMessageBox(self)
        box.setWindowTitle(_("About ACEC Tracker"))
        box.setIconPixmap(self.windowIcon().pixmap(48, 48))
        box.setText(
            "<b>ACEC Tracker</b> "
            + __version__
            + "<br>"
            + _("The China–ASEAN Environmental Cooperation Action Plan, offline.")
        )
        box.setInformativeText(
            _("Data folder: {folder}\nDatabase: {db}").format(
                folder=data_folder(), db=self.db.path if self.is_ready else ""
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        self._about = box
        return box

    # --- drag and drop ----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # While the database opens there is nowhere to import to: refuse the drop.
        if self.is_ready and _dropped_workbook(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_workbook(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self._on_import(path)

    # --- status bar and remembered state ----------------------------------------

    def refresh_status(self) -> None:
        """Show the last sync again (after an import or export)."""
        self.status.refresh_sync()

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
        last = settings.value("window/page", "dashboard")
        self.nav.setCurrentRow(PAGE_KEYS.index(last) if last in PAGE_KEYS else 0)

    def save_state(self) -> None:
        """Remember geometry, splitters, column widths and the page for next time."""
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/page", self.current_key())
        self.stack.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.settle_edits():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
        self.switch.close_owned()


def _dropped_workbook(urls: list[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".xlsx"):
            return Path(url.toLocalFile())
    return None
