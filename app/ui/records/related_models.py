"""Table models of the records related to one record: participants, funding, activities.

Each is a thin model over one service query. Rows another office owns show in
grey italics with a padlock and say why they are read-only, as the lists do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.errors import AcecError
from app.i18n import N_, _, format_date
from app.models.codes import label_of
from app.services.listing import ListColumn, ListQuery, ListRow, fetch_rows, list_columns
from app.services.related import (
    ParticipantRow,
    PersonActivityRow,
    activity_participants,
    person_activities,
)
from app.ui.collation import collated
from app.ui.records.display import display_value, foreign_cell_data
from app.ui.records.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RelatedTableModel(QAbstractTableModel):
    """Rows related to one record (each with a ``uid`` and an ``owner``), read-only.

    Subclasses name their ``labels`` and say what each cell shows in ``cell_text``.
    """

    labels: tuple[str, ...] = ()
    check_column = -1  # the column of check boxes, if any
    failed = Signal(str)  # why a change could not be stored

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self._rows: list[Any] = []

    def load(self, owner_uid: str | None) -> None:
        """List the records related to ``owner_uid`` (None: none)."""
        raise NotImplementedError

    def cell_text(self, row: Any, column: int) -> str:
        """The text a cell shows."""
        raise NotImplementedError

    def is_numeric(self, column: int) -> bool:
        """Whether a column holds numbers (aligned right)."""
        return False

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows."""
        if [r.uid for r in rows] == [r.uid for r in self._rows]:
            # The same records in the same order (after a tick or an undo): keep the
            # view's selection and current cell, so ticking row after row keeps its place.
            self._rows = list(rows)
            if rows:
                last = self.index(len(rows) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        """The record shown in a view row."""
        return self._rows[row]

    def is_foreign(self, row: int) -> bool:
        """Whether another office owns the record of a view row (read-only here)."""
        return bool(self._rows[row].owner != self.ws.site)

    # --- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.labels)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.labels):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.labels[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and self.is_numeric(section):
            return RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.uid
        if role == Qt.ItemDataRole.TextAlignmentRole and self.is_numeric(index.column()):
            return RIGHT
        if row.owner == self.ws.site:
            return None
        return foreign_cell_data(role, row.owner, index.column())


class ParticipationTableModel(RelatedTableModel):
    """Participations, with a check box for "completed" in ``check_column``.

    A tick is stored through the workspace, so Undo takes it back; only on
    participations this office owns (the owner alone changes a record).
    """

    def is_checkable(self, row: int) -> bool:
        """Whether the user may tick or untick a view row's "completed" box."""
        return not self.is_foreign(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and index.column() == self.check_column
            and self.is_checkable(index.row())
        ):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and index.isValid()
            and index.column() == self.check_column
            and index.row() < len(self._rows)
        ):
            done = self._rows[index.row()].completed
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or Qt.ItemFlag.ItemIsUserCheckable not in self.flags(index)
        ):
            return False
        completed = Qt.CheckState(value) == Qt.CheckState.Checked
        uid = self._rows[index.row()].uid
        try:
            # Emits ``changed``: the panel may list the rows again before this returns.
            self.ws.update("participation", uid, {"completed": completed})
        except AcecError as exc:
            self.failed.emit(exc.message)
            return False
        for i, row in enumerate(self._rows):
            if row.uid == uid and row.completed != completed:
                self._rows[i] = dataclasses.replace(row, completed=completed)
                changed = self.index(i, self.check_column)
                self.dataChanged.emit(changed, changed, [Qt.ItemDataRole.CheckStateRole])
        return True


class ParticipantTableModel(ParticipationTableModel):
    """Who took part in an activity: name, country, role, completed, certificate number."""

    labels = (
        N_("Name"),
        N_("Country"),
        N_("Role"),
        N_("Completed"),
        N_("Certificate"),
        N_("Issued on"),
    )
    check_column = 3

    def load(self, activity_uid: str | None) -> None:
        """List the participants of an activity (None: none)."""
        rows = activity_participants(self.ws.db, activity_uid) if activity_uid else []
        self.set_rows(collated(rows, key=lambda row: row.name))

    def cell_text(self, row: ParticipantRow, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return label_of("country", row.country)
        if column == 2:
            return label_of("participation_role", row.role)
        if column == 4:
            return row.certificate or ""
        if column == 5:
            return format_date(row.certificate_date)
        return ""


class PersonActivityTableModel(ParticipationTableModel):
    """The activities a person took part in: title, start, role, completed."""

    labels = (N_("Activity"), N_("Start"), N_("Role"), N_("Completed"))
    check_column = 3

    def load(self, person_uid: str | None) -> None:
        """List a person's activities, newest first (None: none)."""
        self.set_rows(person_activities(self.ws.db, person_uid) if person_uid else [])

    def cell_text(self, row: PersonActivityRow, column: int) -> str:
        if column == 0:
            return row.title
        if column == 1:
            return format_date(row.start_date)
        if column == 2:
            return label_of("participation_role", row.role)
        return ""


class FundingTableModel(RelatedTableModel):
    """The money recorded for an activity, by date: the funding list without its activity."""

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(workspace, parent)
        every = list_columns("funding")
        self._position = {c.key: i for i, c in enumerate(every)}
        self.columns: list[ListColumn] = [c for c in every if c.key not in ("activity", "owner")]
        self.labels = tuple(c.label for c in self.columns)

    def load(self, activity_uid: str | None) -> None:
        """List the funding of an activity (None: none)."""
        query = (
            ListQuery(filters=(("activity", activity_uid),), sort="date") if activity_uid else None
        )
        self.set_rows(fetch_rows(self.ws.db, "funding", query, 0, None) if query else [])

    def cell_text(self, row: ListRow, column: int) -> str:
        spec = self.columns[column]
        currency = row.values[self._position["currency"]]
        return display_value(spec, row.values[self._position[spec.key]], currency)

    def is_numeric(self, column: int) -> bool:
        return self.columns[column].type in ("int", "money")
