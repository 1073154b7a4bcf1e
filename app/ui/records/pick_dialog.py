"""Choosing records: search by name, pick one or several, or create one in place."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError, ValidationError
from app.i18n import _
from app.models import model_of
from app.services.choices import choice_label, search_choices
from app.services.defaults import new_record_values
from app.ui.background import call_on_worker
from app.ui.collation import collated
from app.ui.records.workspace import Workspace


class RecordDialog(QDialog):
    """A new record of one kind in a dialog; ``saved_uid`` after Save."""

    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        parent: QWidget | None = None,
        *,
        preset: dict[str, Any] | None = None,
        hidden: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        from app.ui.records.record_form import RecordForm

        self.ws, self.kind = workspace, kind
        self.preset = dict(preset or {})
        self.saved_uid: str | None = None
        self.setWindowTitle(_("New {kind}").format(kind=_(model_of(kind).__label__).lower()))
        self.form = RecordForm(workspace, kind, hidden=hidden, parent=self)
        # The office's defaults show; only ``preset`` is fixed (its fields are often hidden).
        self.form.set_values(new_record_values(workspace.db, kind, self.preset))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _on_save(self) -> None:
        values = self.form.values() | self.preset
        try:
            record = self.ws.create(self.kind, values)
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            return
        except AcecError as exc:
            self.form.show_problems([])
            self.form.general_error.setText(exc.message)
            self.form.general_error.show()
            return
        self.saved_uid = record.uid
        self.accept()


class PickDialog(QDialog):
    """Search records of one kind and choose one (or several), or create a new one."""

    def __init__(
        self, workspace: Workspace, kind: str, parent: QWidget | None = None, *, multi: bool = False
    ) -> None:
        super().__init__(parent)
        self.ws, self.kind = workspace, kind
        label = _(model_of(kind).__label__).lower()
        self.setWindowTitle(_("Choose {kind}").format(kind=label))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Type part of a name to search"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.results.itemDoubleClicked.connect(lambda _i: self._on_ok())
        self.hint = QLabel(self)
        self.new_button = QPushButton(_("&New {kind}…").format(kind=label), self)
        self.new_button.clicked.connect(self._on_new)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(520, 460)
        self.chosen: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._on_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._on_search()

    def _on_search(self) -> None:
        self.results.clear()
        db, kind, text = self.ws.db, self.kind, self.search.text()
        # A search over 100,000 people waits behind a running import, not the window.
        found = call_on_worker(lambda: search_choices(db, kind, text, limit=200))
        if not shiboken6.isValid(self.results) or text != self.search.text():
            return  # closed while it waited, or typed on: a newer search follows
        found = collated(found, key=lambda choice: choice.label)
        for choice in found:
            item = QListWidgetItem(choice.label, self.results)
            item.setData(Qt.ItemDataRole.UserRole, choice.uid)
        if found:
            self.results.setCurrentRow(0)
        self.hint.setText(
            _("Showing the first 200 matches; type more to narrow down.")
            if len(found) == 200
            else ""
        )

    def select_uids(self, uids: list[str]) -> None:
        """Select the rows of these ids (as a click would)."""
        for i in range(self.results.count()):
            item = self.results.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in uids)

    def _on_ok(self) -> None:
        self.chosen = [i.data(Qt.ItemDataRole.UserRole) for i in self.results.selectedItems()]
        if self.chosen:
            self.accept()

    def _on_new(self) -> None:
        dialog = RecordDialog(self.ws, self.kind, self)
        if dialog.exec() and dialog.saved_uid:
            self.chosen = [dialog.saved_uid]
            self.accept()


def choose_record(workspace: Workspace, kind: str, parent: QWidget) -> str | None:
    """Let the user choose (or create) one record of ``kind``; its id, or None."""
    dialog = PickDialog(workspace, kind, parent)
    if dialog.exec() and dialog.chosen:
        return dialog.chosen[0]
    return None


def describe(workspace: Workspace, kind: str, uid: str) -> str:
    """A record's name as pickers show it."""
    return choice_label(workspace.db, kind, uid)
