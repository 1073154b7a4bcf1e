"""A record's change history from the audit log, in plain words, with each change in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.services.history_text import ChangeText, HistoryLine, readable_history
from app.store import Database

ACTIONS = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "restore": N_("restored"),
    "import": N_("imported"),
    "demo": N_("demo data"),
}
# Longer values are shortened in the table; the pane below shows them in full.
CELL_VALUE_LIMIT = 160
NONE = "–"


def _short(text: str) -> str:
    return text if len(text) <= CELL_VALUE_LIMIT else text[: CELL_VALUE_LIMIT - 1] + "…"


def change_line(change: ChangeText, short: bool = False) -> str:
    """ "Status: Planned → Completed", or "Status: Completed" for a first value."""
    cut = _short if short else (lambda text: text)
    if not change.old:
        return _("{field}: {value}").format(field=change.label, value=cut(change.new or NONE))
    return _("{field}: {old} → {new}").format(
        field=change.label, old=cut(change.old), new=cut(change.new or NONE)
    )


def _action(line: HistoryLine) -> str:
    return _(ACTIONS.get(line.action, line.action))


def detail_text(line: HistoryLine) -> str:
    """One history entry in full: who, when, and every change with its whole values."""
    parts = [_("{when} · {office} · {action}").format(
        when=line.when, office=line.office, action=_action(line)
    )]  # fmt: skip
    if line.origin:
        parts.append(_("From: {origin}").format(origin=line.origin))
    for change in line.changes:
        parts.append("")
        parts.append(change.label)
        if change.old:
            parts.append("    " + _("before: {value}").format(value=change.old))
            parts.append("    " + _("after: {value}").format(value=change.new or _("(empty)")))
        else:
            parts.append("    " + (change.new or _("(empty)")))
    return "\n".join(parts)


class HistoryView(QWidget):
    """When, which office, what was done and what changed; the chosen entry in full below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[HistoryLine] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("When"), _("Office"), _("Action"), _("Changes")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Wrapped changes need taller rows whenever the columns get narrower or wider.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(_("Choose a change above to read it in full."))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_record(self, db: Database, kind: str | None, uid: str | None) -> None:
        """Show the history of one record, newest first."""
        self.lines = readable_history(db, kind, uid) if kind and uid else []
        table = self.table
        table.clearContents()
        table.setRowCount(len(self.lines))
        for i, line in enumerate(self.lines):
            changes = "\n".join(change_line(c, short=True) for c in line.changes)
            if line.origin:
                changes += ("\n" if changes else "") + _("From: {origin}").format(
                    origin=line.origin
                )
            for j, text in enumerate((line.when, line.office, _action(line), changes)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(detail_text(line) if j == 3 else text)
                table.setItem(i, j, cell)
        for j in range(3):
            table.resizeColumnToContents(j)
        self.detail.clear()
        if self.lines:
            table.selectRow(0)

    def _on_selection_changed(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) == 1 and (row := rows.pop()) < len(self.lines):
            self.detail.setPlainText(detail_text(self.lines[row]))
        else:
            self.detail.clear()
