"""A form for one record, built from the kind's fields, with messages beside fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import NotFoundError, Problem
from app.i18n import _
from app.models import fields_of
from app.models.lock_rules import LockedRecord
from app.services.locks import is_locked
from app.services.records import RecordData
from app.services.validation import field_problem
from app.sync.withheld import contact_fields, contact_withheld
from app.ui.records.fields import FieldWidget, TextField, make_field
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel

ERROR_STYLE = "color: #c0392b;"
LOCKED_STYLE = "background: #fdf2e9; border: 1px solid #e59866; padding: 6px;"


class RecordForm(QWidget):
    """The fields of one record kind; ``values()`` gives what was entered."""

    edited = Signal()

    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        *,
        hidden: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from app.ui.records.pick_dialog import choose_record

        self.ws, self.kind = workspace, kind
        self.specs = [s for s in fields_of(kind) if s.name not in hidden]
        self.widgets: dict[str, FieldWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.general_error = WrappingLabel(self)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.hide()
        # Shown, with every field read-only, while the record's year is locked.
        self.locked: LockedRecord | None = None
        self.lock_note = WrappingLabel(self)
        self.lock_note.setStyleSheet(LOCKED_STYLE)
        self.lock_note.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        for spec in self.specs:
            widget = make_field(spec, workspace.db, lambda ref, w: choose_record(self.ws, ref, w))
            widget.edited.connect(self.edited.emit)
            widget.edited.connect(lambda name=spec.name: self._on_field_edited(name))
            error = WrappingLabel(self)
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            text = _(spec.label) + (" *" if spec.required else "")
            label = QLabel(text + ":", self)
            label.setBuddy(widget)
            form.addRow(label, box)
            self.widgets[spec.name] = widget
            self.errors[spec.name] = error
            self.labels[spec.name] = label
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.lock_note)
        outer.addWidget(self.general_error)
        outer.addLayout(form)
        outer.addStretch(1)

    def values(self) -> dict[str, Any]:
        """The entered values by field name (raw; the services coerce them)."""
        return {name: w.value() for name, w in self.widgets.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the fields (missing ones are cleared)."""
        for widget in self.widgets.values():
            if isinstance(widget, TextField) and widget.kind == "money":
                widget.currency = values.get("currency")
        for name, widget in self.widgets.items():
            widget.blockSignals(True)
            widget.set_value(values.get(name))
            widget.blockSignals(False)
        self.clear_problems()
        self.locked = None  # a stored record's lock is shown by set_record
        self.lock_note.hide()

    def set_record(self, record: RecordData | None) -> None:
        """Show a record (None: an empty form for a new one)."""
        self.set_values(record.values if record else {})
        # The relay empties these for an office without the person's consent: say
        # so instead of showing an empty field (it is not one the owner left empty).
        withheld = record is not None and contact_withheld(
            self.kind, self.ws.site, record.owner, record.values
        )
        for name in contact_fields(self.kind):
            widget = self.widgets.get(name)
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(_("Withheld (no consent to contact)") if withheld else "")
        self._show_lock(record)

    def _show_lock(self, record: RecordData | None) -> None:
        """Say why an own record of a locked year cannot change, and make the fields read-only."""
        self.locked = None
        if record is not None and record.owner == self.ws.site and not record.deleted:
            try:
                self.locked = is_locked(self.ws.db, self.kind, record.uid)
            except NotFoundError:
                self.locked = None
        self.lock_note.setText(self.locked.message() if self.locked else "")
        self.lock_note.setVisible(self.locked is not None)
        if self.locked is not None:
            self.set_read_only(True)

    def set_read_only(self, flag: bool) -> None:
        for widget in self.widgets.values():
            widget.set_read_only(flag)

    def clear_problems(self) -> None:
        self.general_error.hide()
        for label in self.errors.values():
            label.hide()
            label.setText("")

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each message beside its field; focus the first field with a problem."""
        self.clear_problems()
        general = []
        first = None
        for problem in problems:
            label = self.errors.get(problem.field)
            if label is None:
                general.append(problem.message)
                continue
            label.setText((label.text() + "\n" if label.text() else "") + problem.message)
            label.show()
            first = first or self.widgets[problem.field]
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        if first is not None:
            first.setFocus()

    def _on_field_edited(self, name: str) -> None:
        """A field showing a problem is checked again as the user types: fixed, it clears."""
        label = self.errors[name]
        if label.isHidden():
            return  # not a field to nag about before the first Save
        value = self.widgets[name].value()
        problem = field_problem(self.kind, name, value)
        if problem is None:
            label.hide()
            label.setText("")
        else:
            label.setText(problem)

    def problem_text(self, name: str) -> str:
        """The message shown beside a field ('' when none)."""
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""
