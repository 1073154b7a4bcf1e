"""A record's change history from the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.i18n import N_, _, format_datetime
from app.models import fields_of
from app.models.codes import label_of
from app.services.audit import record_history
from app.store import Database

ACTIONS = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "restore": N_("restored"),
    "import": N_("imported"),
    "demo": N_("demo data"),
}


class HistoryView(QTableWidget):
    """When, which office, what was done, and which values changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([_("When"), _("Office"), _("Action"), _("Changes")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def show_record(self, db: Database, kind: str | None, uid: str | None) -> None:
        """Show the history of one record, newest first."""
        entries = list(reversed(record_history(db, uid))) if uid else []
        labels = {s.name: _(s.label) for s in fields_of(kind)} if kind else {}
        self.setRowCount(len(entries))
        for i, e in enumerate(entries):
            changes = "; ".join(
                f"{labels.get(name, name)}: {old if old is not None else '–'} → "
                f"{new if new is not None else '–'}"
                for name, (old, new) in sorted(e.changes.items())
                if name != "deleted"
            )
            cells = [
                format_datetime(e.at, "short"),
                label_of("site", e.site),
                _(ACTIONS.get(e.action, e.action)),
                changes + (f" ({e.origin})" if e.origin else ""),
            ]
            for j, text in enumerate(cells):
                self.setItem(i, j, QTableWidgetItem(text))
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.resizeRowsToContents()
