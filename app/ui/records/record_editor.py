"""The editing panel beside a list: a record's form, related records and history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError, NotFoundError, ValidationError
from app.i18n import _, format_money
from app.models import model_of
from app.models.codes import REVIEWED_KIND, label_of
from app.services.choices import choice_label
from app.services.defaults import new_record_values
from app.services.records import RecordData, get_record
from app.ui.records.funding_panel import FundingPanel
from app.ui.records.history_view import HistoryView
from app.ui.records.participants_panel import ParticipantsPanel
from app.ui.records.person_activities_panel import PersonActivitiesPanel
from app.ui.records.record_form import RecordForm
from app.ui.records.workspace import Workspace
from app.ui.review.review_note import ReviewNote
from app.ui.shell.icons import icon, lock_icon
from app.ui.wrapping_label import WrappingLabel

TITLE_FIELDS = ("title", "name")


class RecordEditor(QWidget):
    """Shows one record for editing, or an empty form for a new one."""

    saved = Signal(str)
    created = Signal(object)  # the RecordData of a record just saved for the first time
    deleted = Signal(str)

    def __init__(self, workspace: Workspace, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.kind = workspace, kind
        self.record: RecordData | None = None
        self.dirty = False
        self.title = WrappingLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.lock = QLabel(self)
        self.lock.setPixmap(lock_icon().pixmap(16, 16))
        self.owner_note = QLabel(self)
        self.review_note = ReviewNote(self)
        self.form = RecordForm(workspace, kind, parent=self)
        self.form.edited.connect(self._on_edited)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(8, 8, 8, 8)
        inner_layout.addWidget(self.form)
        scroll.setWidget(inner)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, _("&Details"))
        self.participants: ParticipantsPanel | None = None
        self.funding: FundingPanel | None = None
        self.activities: PersonActivitiesPanel | None = None
        if kind == "activity":
            self.participants = ParticipantsPanel(workspace, self)
            self.funding = FundingPanel(workspace, self)
            self.tabs.addTab(self.participants, _("Partici&pants"))
            self.tabs.addTab(self.funding, _("F&unding"))
        if kind == "person":
            self.activities = PersonActivitiesPanel(workspace, self)
            self.tabs.addTab(self.activities, _("Ac&tivities"))
        self.history = HistoryView(self)
        self.tabs.addTab(self.history, _("&History"))
        self.save_button = QPushButton(icon("save"), _("&Save"), self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(_("Re&vert"), self)
        self.revert_button.clicked.connect(self._on_revert)
        self.delete_button = QPushButton(icon("delete"), _("&Delete…"), self)
        self.delete_button.clicked.connect(lambda: self.delete())
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.lock)
        head.addWidget(self.owner_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.review_note)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.start_new()

    # --- showing ----------------------------------------------------------------

    @property
    def foreign(self) -> bool:
        """The shown record is another office's."""
        return self.record is not None and self.record.owner != self.ws.site

    @property
    def read_only(self) -> bool:
        """Another office's record, or one of a year the secretariat locked."""
        return self.foreign or (self.record is not None and self.form.locked is not None)

    def load(self, uid: str) -> None:
        """Show the record ``uid`` (read-only when another office owns it)."""
        try:
            record = get_record(self.ws.db, self.kind, uid)
        except NotFoundError:
            record = None
        if record is None or record.deleted:  # gone since the list was read
            self.start_new()
            return
        self.record = record
        self.form.set_record(self.record)
        self._refresh_state()

    def start_new(self, preset: dict[str, Any] | None = None) -> None:
        """A form for a new record: the office's defaults, then ``preset``."""
        self.record = None
        self.form.set_values(new_record_values(self.ws.db, self.kind, preset))
        self._refresh_state()
        self.tabs.setCurrentIndex(0)

    def _refresh_state(self) -> None:
        record = self.record
        self.dirty = False
        label = _(model_of(self.kind).__label__)
        if record is None:
            self.title.setText(_("New {kind}").format(kind=label.lower()))
        else:
            self.title.setText(self._record_title(record) or label)
        foreign, read_only = self.foreign, self.read_only
        self.lock.setVisible(read_only)
        self.owner_note.setVisible(foreign)
        if record is not None and foreign:
            self.owner_note.setText(
                _("Owned by {office}: read-only here").format(office=label_of("site", record.owner))
            )
        self.form.set_read_only(read_only)
        uid = record.uid if record else None
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, uid is not None)
        if self.participants is not None:  # an activity's trainees count in its year
            self.participants.show_activity(uid, not read_only)
        if self.funding is not None:  # money counts in its own date's year: checked per row
            self.funding.show_activity(uid, not foreign)
        if self.activities is not None:
            self.activities.show_person(uid)
        self.history.show_record(self.ws.db, self.kind, uid)
        if self.kind in REVIEWED_KIND:
            self.review_note.show_review(self.ws.db, uid)
        self._update_buttons()

    def _record_title(self, record: RecordData) -> str:
        values = record.values
        for name in TITLE_FIELDS:
            if values.get(name):
                return str(values[name])
        if record.kind == "funding":
            return "{kind}: {amount}".format(
                kind=label_of("funding_kind", values["kind"]),
                amount=format_money(values["amount"], values["currency"]),
            )
        if values.get("person_uid"):
            try:
                return choice_label(self.ws.db, "person", values["person_uid"])
            except NotFoundError:
                return ""
        return ""

    def _update_buttons(self) -> None:
        foreign = self.read_only
        self.save_button.setEnabled(not foreign and (self.dirty or self.record is None))
        self.revert_button.setEnabled(self.dirty)
        self.delete_button.setEnabled(self.record is not None and not foreign)

    def _on_edited(self) -> None:
        self.dirty = True
        self._update_buttons()

    def _on_revert(self) -> None:
        if self.record is None:
            self.start_new()
        else:
            self.load(self.record.uid)

    # --- actions ----------------------------------------------------------------

    def settle_changes(self) -> bool:
        """Before showing another record: offer to save unsaved edits.

        Returns False when the user wants to stay on this record.
        """
        if not self.dirty or self.read_only:
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save the changes to “{name}”?").format(name=self.title.text()),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.dirty = False
            return True
        return False

    def save(self) -> bool:
        """Save the form; show problems beside the fields and return False if refused."""
        if self.read_only:
            return False
        values = self.form.values()
        is_new = self.record is None
        try:
            if self.record is None:
                saved = self.ws.create(self.kind, values)
            else:
                saved = self.ws.update(self.kind, self.record.uid, values)
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            return False
        except AcecError as exc:
            QMessageBox.warning(self, _("Not saved"), exc.message)
            return False
        self.record = saved
        self.form.set_record(saved)
        self._refresh_state()
        self.saved.emit(saved.uid)
        if is_new:
            self.created.emit(saved)
        return True

    def delete(self, *, confirm: bool = True) -> bool:
        """Delete the shown record after asking; return True if it was deleted."""
        if self.record is None or self.read_only:
            return False
        name = self.title.text()
        if confirm:
            answer = QMessageBox.question(
                self,
                _("Delete"),
                _("Delete “{name}”? You can undo this with Edit › Undo.").format(name=name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        uid = self.record.uid
        try:
            self.ws.delete(self.kind, uid)
        except AcecError as exc:
            QMessageBox.warning(self, _("Not deleted"), exc.message)
            return False
        self.start_new()
        self.deleted.emit(uid)
        return True

    def reload_if_shown(self) -> None:
        """Show the current record's stored state again (after undo or sync)."""
        if self.record is not None and not self.dirty:
            uid = self.record.uid
            try:
                record = get_record(self.ws.db, self.kind, uid)
            except NotFoundError:
                self.start_new()
                return
            if record.deleted:
                self.start_new()
            else:
                self.record = record
                self.form.set_record(record)
                self._refresh_state()
