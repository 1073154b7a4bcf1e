"""Panels of related records on a form: participants, funding, a person's activities."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError
from app.i18n import _, format_date, ngettext
from app.models.codes import codes_of, label_of
from app.services.listing import ListQuery, fetch_rows, list_columns
from app.services.related import activity_participants, person_activities
from app.ui.records.display import display_value
from app.ui.records.pick_dialog import PickDialog, RecordDialog
from app.ui.records.workspace import Workspace
from app.ui.shell.icons import lock_icon


def _table(headers: list[str], parent: QWidget, stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setProperty("stretch_column", stretch)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fit_columns(table: QTableWidget) -> None:
    table.resizeColumnsToContents()
    stretch = table.property("stretch_column") or 0
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _cell(text: str, uid: str | None = None, foreign_owner: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if uid:
        item.setData(Qt.ItemDataRole.UserRole, uid)
    if foreign_owner:
        item.setIcon(lock_icon())
        item.setToolTip(
            _("Owned by {office}: read-only here").format(office=label_of("site", foreign_owner))
        )
    return item


class _Panel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.owner_uid: str | None = None
        self.editable = False
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()

    def _fail(self, exc: AcecError) -> None:
        self.error.setText(exc.message)
        self.error.show()

    def _selected_uids(self, table: QTableWidget) -> list[str]:
        rows = sorted({i.row() for i in table.selectedIndexes()})
        items = [table.item(r, 0) for r in rows]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i is not None]


class _ActivityPanel(_Panel):
    """A panel listing records that belong to one activity, in ``self.table``."""

    table: QTableWidget

    def show_activity(self, activity_uid: str | None, editable: bool) -> None:
        raise NotImplementedError

    def _change_selected(self, change: Callable[[str], object]) -> None:
        """Apply ``change`` to the record of every selected row, then list again."""
        try:
            for uid in self._selected_uids(self.table):
                change(uid)
        except AcecError as exc:
            self._fail(exc)
        self.show_activity(self.owner_uid, self.editable)


class ParticipantsPanel(_ActivityPanel):
    """Who took part in an activity; add people from a list or create them in place."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.count = QLabel(self)
        self.role = QComboBox(self)
        for code in codes_of("participation_role"):
            self.role.addItem(label_of("participation_role", code), code)
        role_label = QLabel(_("&Add as:"), self)
        role_label.setBuddy(self.role)
        self.add = QPushButton(_("Add &people…"), self)
        self.add.clicked.connect(self._on_add)
        self.new = QPushButton(_("New pe&rson…"), self)
        self.new.clicked.connect(self._on_new)
        self.complete = QPushButton(_("Mark &completed"), self)
        self.complete.clicked.connect(self._on_complete)
        self.remove = QPushButton(_("Remo&ve"), self)
        self.remove.clicked.connect(self._on_remove)
        self.table = _table([_("Name"), _("Country"), _("Role"), _("Completed")], self)
        bar = QHBoxLayout()
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.complete)
        bar.addWidget(self.remove)
        adding = QHBoxLayout()
        for w in (role_label, self.role, self.add, self.new):
            adding.addWidget(w)
        adding.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(adding)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table)

    def show_activity(self, activity_uid: str | None, editable: bool) -> None:
        """List the participants of an activity (None: nothing yet)."""
        self.owner_uid, self.editable = activity_uid, editable
        self.error.hide()
        rows = activity_participants(self.ws.db, activity_uid) if activity_uid else []
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            foreign = r.owner if r.owner != self.ws.site else None
            self.table.setItem(i, 0, _cell(r.name, r.uid, foreign))
            self.table.setItem(i, 1, _cell(label_of("country", r.country)))
            self.table.setItem(i, 2, _cell(label_of("participation_role", r.role)))
            self.table.setItem(i, 3, _cell(_("yes") if r.completed else ""))
        _fit_columns(self.table)
        self.count.setText(ngettext("{n} person", "{n} people", len(rows)).format(n=len(rows)))
        for w in (self.add, self.new, self.complete, self.remove, self.role):
            w.setEnabled(editable and activity_uid is not None)

    def add_people(self, person_uids: list[str]) -> None:
        """Add these people to the activity with the chosen role (one undo step each)."""
        assert self.owner_uid
        present = {r.person_uid for r in activity_participants(self.ws.db, self.owner_uid)}
        try:
            for uid in person_uids:
                if uid in present:
                    continue
                self.ws.create(
                    "participation",
                    {
                        "activity_uid": self.owner_uid,
                        "person_uid": uid,
                        "role": self.role.currentData(),
                    },
                )
        except AcecError as exc:
            self._fail(exc)
        self.show_activity(self.owner_uid, self.editable)

    def _on_add(self) -> None:
        dialog = PickDialog(self.ws, "person", self, multi=True)
        if dialog.exec() and dialog.chosen:
            self.add_people(dialog.chosen)

    def _on_new(self) -> None:
        dialog = RecordDialog(self.ws, "person", self, preset={})
        if dialog.exec() and dialog.saved_uid:
            self.add_people([dialog.saved_uid])

    def _on_complete(self) -> None:
        self._change_selected(lambda uid: self.ws.update("participation", uid, {"completed": True}))

    def _on_remove(self) -> None:
        self._change_selected(lambda uid: self.ws.delete("participation", uid))


class FundingPanel(_ActivityPanel):
    """The money recorded for an activity; add or remove funding rows."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.columns = [c for c in list_columns("funding") if c.key not in ("activity", "owner")]
        self.count = QLabel(self)
        self.add = QPushButton(_("Add &funding…"), self)
        self.add.clicked.connect(self._on_add)
        self.remove = QPushButton(_("Remo&ve"), self)
        self.remove.clicked.connect(self._on_remove)
        self.table = _table([_(c.label) for c in self.columns], self, stretch=1)
        bar = QHBoxLayout()
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.add)
        bar.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table)

    def show_activity(self, activity_uid: str | None, editable: bool) -> None:
        """List the funding of an activity."""
        self.owner_uid, self.editable = activity_uid, editable
        self.error.hide()
        rows = (
            fetch_rows(
                self.ws.db,
                "funding",
                ListQuery(filters=(("activity", activity_uid),), sort="date"),
                0,
                None,
            )
            if activity_uid
            else []
        )
        all_columns = list_columns("funding")
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = dict(zip([c.key for c in all_columns], r.values, strict=True))
            for j, c in enumerate(self.columns):
                foreign = r.owner if (j == 0 and r.owner != self.ws.site) else None
                item = _cell(display_value(c, values[c.key]), r.uid if j == 0 else None, foreign)
                if c.type == "money":
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        _fit_columns(self.table)
        self.count.setText(ngettext("{n} row", "{n} rows", len(rows)).format(n=len(rows)))
        self.add.setEnabled(editable and activity_uid is not None)
        self.remove.setEnabled(editable and activity_uid is not None)

    def _on_add(self) -> None:
        assert self.owner_uid
        dialog = RecordDialog(
            self.ws,
            "funding",
            self,
            preset={"activity_uid": self.owner_uid},
            hidden=("activity_uid",),
        )
        if dialog.exec():
            self.show_activity(self.owner_uid, self.editable)

    def _on_remove(self) -> None:
        self._change_selected(lambda uid: self.ws.delete("funding", uid))


class PersonActivitiesPanel(_Panel):
    """The activities a person took part in."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.count = QLabel(self)
        self.table = _table([_("Activity"), _("Start"), _("Role"), _("Completed")], self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table)

    def show_person(self, person_uid: str | None) -> None:
        """List a person's activities."""
        rows = person_activities(self.ws.db, person_uid) if person_uid else []
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self.table.setItem(i, 0, _cell(r.title, r.activity_uid))
            self.table.setItem(i, 1, _cell(format_date(r.start_date)))
            self.table.setItem(i, 2, _cell(label_of("participation_role", r.role)))
            self.table.setItem(i, 3, _cell(_("yes") if r.completed else ""))
        _fit_columns(self.table)
        self.count.setText(
            ngettext("{n} activity", "{n} activities", len(rows)).format(n=len(rows))
        )
