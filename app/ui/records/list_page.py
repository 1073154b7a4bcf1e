"""A page for one record kind: search, filters, the list, and the editor beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError, short_description
from app.i18n import _, format_date, format_number, ngettext
from app.models import model_of
from app.models.codes import codes_of, label_of
from app.services.choices import plan_item_choices
from app.services.duplicates import DUPLICATE_KINDS
from app.services.list_export import Progress, write_rows_xlsx
from app.services.listing import ONCE_LISTED, ListColumn, ListQuery, fetch_rows, list_filters
from app.services.records import RecordData
from app.ui.background import BackgroundTask
from app.ui.collation import collated
from app.ui.records.display import export_value
from app.ui.records.duplicates_dialog import DuplicatesDialog
from app.ui.records.list_model import RecordListModel
from app.ui.records.record_editor import RecordEditor
from app.ui.records.template_actions import TEMPLATE_KINDS, TemplateActions
from app.ui.records.workspace import Workspace
from app.ui.shell.combo_fit import fit_current_choice, fit_popup
from app.ui.shell.icons import icon
from app.ui.wrapping_label import WrappingLabel

# Changes to these kinds change what a list of the key kind shows.
AFFECTS = {  # a review changes how a record shows (its state, the reason in its form)
    "activity": {"activity", "participation", "plan_item", "review"},
    "person": {"person", "organisation", "participation", "review"},
    "green_envoy": {"green_envoy", "person", "review"},
    "funding": {"funding", "activity", "organisation", "review"},
    "organisation": {"organisation", "review"},
}
SEARCH_DELAY_MS = 200
# Default column widths in characters, by (kind, column) or ("", column).
COLUMN_CHARS = {
    ("", "title"): 34,
    ("", "name"): 24,
    ("", "activity"): 28,
    ("", "organisation"): 24,
    ("", "person"): 24,
    ("", "website"): 20,
    ("organisation", "name"): 34,
    ("", "abbreviation"): 9,
}
# The list and editor's width in the default window; the list takes any difference.
SPLITTER_WIDTH = 1160
# The editor's default width by kind (it is wider when its form needs it).
EDITOR_WIDTH = {"activity": 480, "": 420}
# Around the form: the editor's and tab pane's margins and frames, the form's margins.
EDITOR_FRAME = 48
# Around a cell's text: the view's margins and the header's sort arrow.
CELL_PADDING = 16
HEADER_PADDING = 36
DEFAULT_SORT = {
    "activity": ("start_date", True),
    "person": ("name", False),
    "green_envoy": ("person", False),
    "funding": ("date", True),
    "organisation": ("name", False),
}


class RecordListPage(QWidget):
    """Everything a user does with one kind of record."""

    said = Signal(str)  # a short note for the status bar

    def __init__(self, workspace: Workspace, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.kind = workspace, kind
        self._stale = True
        self.model = RecordListModel(workspace.db, kind, self)
        self.model.counts_changed.connect(self._on_counts)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.filters: dict[str, QComboBox] = {}
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.search, 1)
        filter_bar = QHBoxLayout()
        filter_bar.setSpacing(6)
        filter_label = QLabel(_("Show:"), self)
        filter_bar.addWidget(filter_label)
        for f in list_filters(kind):
            combo = QComboBox(self)
            combo.addItem(_("All: {what}").format(what=_(f.label).lower()), None)
            for code, text in self._filter_choices(f.codes or ""):
                combo.addItem(text, code)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            fit_popup(combo)
            fit_current_choice(combo)
            combo.setToolTip(_(f.label))
            combo.currentIndexChanged.connect(lambda _i: self._apply_query())
            self.filters[f.key] = combo
            filter_bar.addWidget(combo)
        filter_bar.addStretch(1)
        self.count = QLabel(self)
        filter_bar.addWidget(self.count)
        self.new_button = QPushButton(icon("new"), _("&New"), self)
        self.new_button.setToolTip(
            _("New {kind} (Ctrl+N)").format(kind=_(model_of(kind).__label__).lower())
        )
        self.new_button.clicked.connect(self.new_record)
        self.export_button = QPushButton(icon("export_list"), _("E&xport…"), self)
        self.export_button.setToolTip(_("Save the rows shown to an Excel workbook"))
        self.export_button.clicked.connect(self._on_export)
        bar.addWidget(self.new_button)
        bar.addWidget(self.export_button)
        self.templates: TemplateActions | None = None
        if kind in TEMPLATE_KINDS:
            self._add_template_button(bar)
        self.duplicates_button: QPushButton | None = None
        if kind in DUPLICATE_KINDS:
            self.duplicates_button = QPushButton(_("&Duplicates…"), self)
            self.duplicates_button.setToolTip(
                _(
                    "Pairs of records that may be one, with the evidence: link them or keep them apart"
                )
            )
            self.duplicates_button.clicked.connect(self.show_duplicates)
            bar.addWidget(self.duplicates_button)
        # Shown after a new person is saved who may be one already recorded.
        self.duplicate_warning = WrappingLabel(self)
        self.duplicate_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.duplicate_warning.setStyleSheet("QLabel { background: #fff4ce; padding: 6px; }")
        self.duplicate_warning.hide()

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        key, descending = DEFAULT_SORT.get(kind, (None, False))
        keys = [c.key for c in self.model.columns]
        if key in keys:
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            self.model.query = ListQuery(sort=key, descending=descending)
            self.table.horizontalHeader().setSortIndicator(keys.index(key), order)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)

        self.editor = RecordEditor(workspace, kind, self)
        self.editor.saved.connect(self._on_saved)
        if kind == "person":
            self.editor.created.connect(self._on_person_created)
        self.editor.deleted.connect(lambda _uid: self.refresh())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.editor)
        # Width beyond what the editor needs goes to the list: a maximised
        # window shows more columns, not a wider form.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        editor_width = max(EDITOR_WIDTH.get(kind, EDITOR_WIDTH[""]), self._editor_needs())
        self.splitter.setSizes([SPLITTER_WIDTH - editor_width, editor_width])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addLayout(filter_bar)
        layout.addWidget(self.duplicate_warning)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.search, self.table)
        workspace.changed.connect(self._on_workspace_changed)
        self._widths_set = False

    def _add_template_button(self, bar: QHBoxLayout) -> None:
        """Bulk entry from Excel: a blank template to fill, a filled one to import (or drop)."""
        self.templates = TemplateActions(self.ws, self.kind, self)
        self.templates.said.connect(self.said)
        self.template_button = QPushButton(_("&Template"), self)
        self.template_button.setToolTip(
            _("Fill many records in Excel: download a blank template, import it filled in")
        )
        menu = QMenu(self.template_button)
        self.download_template_action = menu.addAction(_("Download template…"))
        self.download_template_action.triggered.connect(lambda: self._on_download_template())
        self.import_template_action = menu.addAction(_("Import filled template…"))
        self.import_template_action.triggered.connect(lambda: self._on_import_template())
        self.template_button.setMenu(menu)
        bar.addWidget(self.template_button)
        self.setAcceptDrops(True)

    def _on_download_template(self) -> None:
        assert self.templates is not None
        self.templates.download()

    def _on_import_template(self) -> None:
        assert self.templates is not None
        self.templates.start_import()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt)
        urls = event.mimeData().urls()
        if self.templates is not None and len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()  # what the file is, its content says after the drop

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        urls = event.mimeData().urls()
        if self.templates is not None and urls:
            event.acceptProposedAction()
            self.templates.start_import(Path(urls[0].toLocalFile()))

    # --- filters ----------------------------------------------------------------

    def _filter_choices(self, codes: str) -> list[tuple[str, str]]:
        if codes == "plan_item":
            return [(c.uid, c.label) for c in plan_item_choices(self.ws.db)]
        if codes == "year":
            years = range(dt.date.today().year + 1, 2007, -1)
            return [(str(y), str(y)) for y in years]
        choices = [(code, label_of(codes, code)) for code in codes_of(codes)]
        return collated(choices, key=lambda c: c[1]) if codes == "country" else choices

    def query(self) -> ListQuery:
        """The query the search box and filters describe."""
        filters = tuple(
            (key, combo.currentData()) for key, combo in self.filters.items() if combo.currentData()
        )
        q = self.model.query
        return ListQuery(self.search.text(), filters, q.sort, q.descending)

    def set_filter(self, key: str, value: str | None) -> None:
        """Choose a filter value as the user would."""
        combo = self.filters[key]
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def _apply_query(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.query())
        self._stale = False

    def _on_counts(self, shown: int, total: int) -> None:
        if shown == total:
            self.count.setText(
                ngettext("{total} record", "{total} records", total).format(
                    total=format_number(total)
                )
            )
        else:
            self.count.setText(
                _("{shown} of {total} shown").format(
                    shown=format_number(shown), total=format_number(total)
                )
            )

    # --- loading ------------------------------------------------------------------

    def refresh(self, *, turn_events: bool = True) -> None:
        """Reload the list, keeping the selected record selected."""
        current = self.editor.record.uid if self.editor.record else None
        self.model.data_changed()
        self.model.query = self.query()
        self.model.refresh(turn_events=turn_events)
        if not shiboken6.isValid(self):
            return  # the window closed while the list was read
        self._stale = False
        if current:
            self.select_uid(current)
        if not self._widths_set:
            self._default_widths()

    def _default_widths(self) -> None:
        self._widths_set = True
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        for i, column in enumerate(self.model.columns):
            header_width = metrics.horizontalAdvance(_(column.label)) + HEADER_PADDING
            content = _content_width(self.kind, column, metrics)
            header.resizeSection(i, max(content, header_width, 70))

    def _editor_needs(self) -> int:
        """The width the editor needs to show its form without a horizontal scrollbar."""
        form = self.editor.form.minimumSizeHint().width()
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return form + scrollbar + EDITOR_FRAME

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:  # inside Qt's show: read without running other events
            self.refresh(turn_events=False)
        super().showEvent(event)

    def _on_workspace_changed(self, kind: str) -> None:
        if kind in AFFECTS.get(self.kind, {self.kind}):
            if self.isVisible():
                self.refresh()
                self.editor.reload_if_shown()
            else:
                self._stale = True

    def select_uid(self, uid: str) -> bool:
        """Select a record's row if the list shows it; return whether it does."""
        row = self.model.row_of(uid)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def show_record(self, uid: str) -> None:
        """Select the record's row, or show it in the editor when the list hides it."""
        if not self.select_uid(uid) and self.editor.settle_changes():
            self.editor.load(uid)

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        uid = self.model.uid_at(current.row())
        if self.editor.record is not None and self.editor.record.uid == uid:
            return
        if not self.editor.settle_changes():
            # Stay on the record being edited.
            QTimer.singleShot(0, self._reselect_edited)
            return
        self.editor.load(uid)

    def _reselect_edited(self) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if self.editor.record is None or not self.select_uid(self.editor.record.uid):
            self.table.clearSelection()
            selection.clearCurrentIndex()
        selection.blockSignals(False)

    def _on_saved(self, uid: str) -> None:
        self.refresh()
        self.select_uid(uid)
        self.said.emit(_("Saved “{name}”.").format(name=self.editor.title.text()))

    def _on_person_created(self, record: RecordData) -> None:
        try:
            found = self.ws.duplicates_of_person(record)
        except AcecError:
            found = []  # the warning is a help, never a reason to refuse a save
        self.duplicate_warning.setVisible(bool(found))
        if found:
            names = "; ".join(
                _("{name} ({country}), score {score}").format(
                    name=c.second.label, country=c.second.country or "", score=c.score
                )
                for c in found[:5]
            )
            self.duplicate_warning.setText(
                _(
                    "“{name}” may be someone already recorded: {names}. Open Duplicates… "
                    "to link them or mark them different."
                ).format(name=record.values.get("name", ""), names=names)
            )

    def show_duplicates(self) -> DuplicatesDialog:
        """Open the list of likely duplicates of this kind (non-modal)."""
        self.duplicate_warning.hide()
        dialog = DuplicatesDialog(self.ws, self.kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.kind in ONCE_LISTED:  # linked copies leave the list
            dialog.decided.connect(self.refresh)
        dialog.show()
        return dialog

    # --- actions ------------------------------------------------------------------

    def new_record(self) -> None:
        """Start a new record in the editor."""
        if not self.editor.settle_changes():
            return
        self.table.clearSelection()
        self.table.selectionModel().clearCurrentIndex()
        self.editor.start_new()
        self.editor.form.setFocus()
        first = next(iter(self.editor.form.widgets.values()))
        first.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def export_to(self, path: Path, progress: Progress | None = None) -> int:
        """Write the rows matching the current search and filters to ``path``."""
        return self._export_work(path)(progress)

    def _export_work(self, path: Path) -> Callable[[Progress | None], int]:
        """The export as work for the worker thread, its query fixed now on the UI thread."""
        db, kind, query = self.model.db, self.kind, self.model.query
        columns = list(self.model.columns)
        title, labels = _(model_of(kind).__plural__), [_(c.label) for c in columns]

        def work(progress: Progress | None = None) -> int:
            rows = fetch_rows(db, kind, query, 0, None)
            data = (
                [export_value(c, v) for c, v in zip(columns, r.values, strict=True)] for r in rows
            )
            return write_rows_xlsx(path, title, labels, data, len(rows), progress)

        return work

    def _on_export(self) -> None:
        name = _(model_of(self.kind).__plural__).lower().replace(" ", "-")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the rows shown"), f"{name}.xlsx", _("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        target = Path(path).with_suffix(".xlsx")
        task = BackgroundTask(self, _("Exporting…"), self._export_work(target))
        task.done.connect(
            lambda n: QMessageBox.information(
                self, _("Export"), _("{n} rows written to {path}.").format(n=n, path=target)
            )
        )
        task.error.connect(
            lambda exc: QMessageBox.warning(
                self,
                _("Export"),
                exc.message if isinstance(exc, AcecError) else short_description(exc),
            )
        )
        self._task = task
        task.start()

    # --- remembered layout --------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"lists/{self.kind}/header", self.table.horizontalHeader().saveState())
        settings.setValue(f"lists/{self.kind}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value(f"lists/{self.kind}/header")
        if header is not None:
            self._widths_set = self.table.horizontalHeader().restoreState(header)
        splitter = settings.value(f"lists/{self.kind}/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)


def _widest_date(metrics: QFontMetrics) -> int:
    """The width of the widest date the lists show, in the current language."""
    days = (dt.date(2024, month, 28) for month in range(1, 13))
    return max(metrics.horizontalAdvance(format_date(day, "medium")) for day in days)


def _content_width(kind: str, column: ListColumn, metrics: QFontMetrics) -> int:
    """A column's default width for its contents: whole for dates, codes and countries."""
    if column.type == "date":
        return _widest_date(metrics) + CELL_PADDING
    if column.type == "money":
        return metrics.horizontalAdvance("n" * 15)
    codes = column.codes or (column.type if column.type in ("country", "site") else None)
    if codes:
        longest = max(metrics.horizontalAdvance(label_of(codes, c)) for c in codes_of(codes))
        return min(longest + CELL_PADDING, metrics.horizontalAdvance("n" * 22))
    chars = COLUMN_CHARS.get((kind, column.key), COLUMN_CHARS.get(("", column.key), 0))
    return metrics.horizontalAdvance("n" * chars) if chars else 0
