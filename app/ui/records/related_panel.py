"""What the panels of related records on a form share: their table and error line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QToolTip, QWidget

from app.errors import AcecError
from app.ui.records.related_models import RelatedTableModel
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from app.ui.records.row_dialog import RowEditDialog

TICK_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Select)
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
MIN_CHARS = 8  # a column that gives way keeps at least this many digits' width


def _level(widths: list[int], room: int) -> int:
    """The widest a column may be for all of ``widths`` to fit in ``room``, the widest cut first."""
    rest = room
    ordered = sorted(widths)
    for i, width in enumerate(ordered):
        left = len(ordered) - i
        if width * left > rest:
            return rest // left
        rest -= width
    return ordered[-1]


class RelatedTableView(QTableView):
    """A table of related records: whole rows selected, columns fitted to their contents.

    Space ticks or unticks the current row's check box, whichever cell of the
    row is current (a row is selected as a whole, so its current cell is rarely
    the check box itself). Enter, F2 or a double-click asks to open the row
    (``open_requested``).
    """

    open_requested = Signal(int)  # the view row to open in an editor

    def __init__(
        self,
        model: RelatedTableModel,
        parent: QWidget,
        stretch: int = 0,
        elastic: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.related_model = model
        self.setModel(model)
        self.stretch_column = stretch
        # Columns of long text that may be cut short (elided) when room is tight;
        # numbers, dates, codes and check boxes are always shown whole.
        self.elastic_columns = (stretch,) if elastic is None else elastic
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(False)
        self.doubleClicked.connect(self._on_double_clicked)
        self._content_widths: list[int] = []
        self.fit_columns()

    def fit_columns(self) -> None:
        """Size the columns to what they show, within the width there is.

        Room to spare goes to the stretch column; too little, and the widest
        elastic columns give way (their text elided) before a scroll bar appears.
        """
        header = self.horizontalHeader()
        self._content_widths = [
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count())
        ]
        self._apply_widths()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # the viewport's resizes arrive here too
        self._apply_widths()

    def _apply_widths(self) -> None:
        widths = self._content_widths
        if not widths:
            return
        widths = list(widths)
        room = self.viewport().width()
        elastic = [c for c in self.elastic_columns if 0 <= c < len(widths)]
        if sum(widths) <= room:
            if 0 <= self.stretch_column < len(widths):
                widths[self.stretch_column] += room - sum(widths)
        elif elastic:
            fixed = sum(w for c, w in enumerate(widths) if c not in elastic)
            least = self.fontMetrics().horizontalAdvance("0") * MIN_CHARS
            level = max(_level([widths[c] for c in elastic], room - fixed), least)
            for c in elastic:
                widths[c] = min(widths[c], level)
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            # A cell cut short shows its whole text on hover (unless it says something else).
            if (
                index.isValid()
                and index.data(Qt.ItemDataRole.ToolTipRole) is None
                and self.sizeHintForIndex(index).width() > self.columnWidth(index.column())
            ):
                QToolTip.showText(event.globalPos(), index.data(), self.viewport())
                return True
        return super().viewportEvent(event)

    def selected_uids(self) -> list[str]:
        """The record ids of the selected rows, top to bottom."""
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [self.model().index(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]

    def _on_double_clicked(self, index: QModelIndex) -> None:
        # A quick second click on a check box is a tick, not a wish to open the row.
        if index.column() != self.related_model.check_column:
            self.open_requested.emit(index.row())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A click on a check box ticks it without moving the current row (Qt's
        # delegate takes the click); make its row current, so Down and Space go on
        # from the row just ticked, not from wherever the keyboard last was.
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() == self.related_model.check_column:
            self.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in TICK_KEYS and plain == Qt.KeyboardModifier.NoModifier:
            if self._toggle_check(self.currentIndex()):
                event.accept()
                return
        if event.key() in OPEN_KEYS and plain == Qt.KeyboardModifier.NoModifier:
            if self.currentIndex().isValid():
                self.open_requested.emit(self.currentIndex().row())
                event.accept()
                return
        super().keyPressEvent(event)

    def _toggle_check(self, current: QModelIndex) -> bool:
        model = self.related_model
        column = model.check_column
        if not current.isValid() or column < 0:
            return False
        index = model.index(current.row(), column)
        if Qt.ItemFlag.ItemIsUserCheckable not in model.flags(index):
            return False
        checked = Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole))
        new = Qt.CheckState.Unchecked if checked == Qt.CheckState.Checked else Qt.CheckState.Checked
        model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
        return True


class RelatedPanel(QWidget):
    """A table of the records related to one record, with a line for what went wrong.

    The panel lists its records again whenever the workspace changes a kind in
    ``watched`` (an edit here, an undo anywhere), or when next shown if hidden.
    """

    watched: frozenset[str] = frozenset()
    row_kind: str | None = None  # the kind of record a row is, to open it in place
    row_hidden: tuple[str, ...] = ()  # fields the row's editor leaves out (the owner)

    def __init__(
        self,
        workspace: Workspace,
        model: RelatedTableModel,
        parent: QWidget | None = None,
        stretch: int = 0,
        elastic: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.owner_uid: str | None = None
        self.editable = False
        self.model = model
        model.setParent(self)
        model.failed.connect(self._fail)
        self.table = RelatedTableView(model, self, stretch, elastic)
        self.table.open_requested.connect(self._on_open_row)
        self.count = QLabel(self)
        self.error = WrappingLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self._stale = False
        workspace.changed.connect(self._on_workspace_changed)

    def count_text(self, n: int) -> str:
        """How the panel counts its ``n`` rows ("3 people")."""
        raise NotImplementedError

    def controls(self) -> tuple[QWidget, ...]:
        """The buttons that change things: enabled only on a record this office keeps."""
        return ()

    def show_for(self, owner_uid: str | None, editable: bool = False) -> None:
        """List the records related to ``owner_uid`` (None: a record not saved yet)."""
        self.owner_uid, self.editable = owner_uid, editable
        self.error.hide()
        self.model.load(owner_uid)
        self.table.fit_columns()
        self.count.setText(self.count_text(self.model.rowCount()))
        for widget in self.controls():
            widget.setEnabled(editable and owner_uid is not None)

    def reload(self) -> None:
        """List the records of the same record again (hiding an earlier error)."""
        self.show_for(self.owner_uid, self.editable)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _change_selected(self, change: Callable[[str], object]) -> None:
        """Apply ``change`` to the record of every selected row, then list again."""
        failure = None
        try:
            for uid in self.table.selected_uids():
                change(uid)
        except AcecError as exc:
            failure = exc.message
        self.reload()
        if failure:  # after listing again, which hides the last error
            self._fail(failure)

    def open_row(self, row: int) -> RowEditDialog | None:
        """A dialog to change the record of a view row (read-only when it may not be changed)."""
        if self.row_kind is None or not 0 <= row < self.model.rowCount():
            return None
        from app.ui.records.row_dialog import RowEditDialog

        uid = self.model.row_at(row).uid
        try:
            return RowEditDialog(
                self.ws, self.row_kind, uid, self, hidden=self.row_hidden, editable=self.editable
            )
        except AcecError as exc:  # gone since the rows were listed
            self.reload()
            self._fail(exc.message)
            return None

    def _on_open_row(self, row: int) -> None:
        dialog = self.open_row(row)
        if dialog is not None and dialog.exec():
            self.reload()

    def _on_workspace_changed(self, kind: str) -> None:
        if kind not in self.watched or self.owner_uid is None:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)
