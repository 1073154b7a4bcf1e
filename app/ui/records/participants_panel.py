"""The Participants tab of an activity's form: who took part, in what role, who completed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import AcecError
from app.i18n import _, ngettext
from app.models.codes import codes_of, label_of
from app.services.related import activity_participants
from app.ui.records.pick_dialog import PickDialog, RecordDialog
from app.ui.records.related_models import ParticipantTableModel
from app.ui.records.related_panel import RelatedPanel
from app.ui.records.workspace import Workspace


class ParticipantsPanel(RelatedPanel):
    """Who took part in an activity; add people from a list or create them in place.

    Tick "Completed" in the table (mouse or Space) for one person, or select
    several and press "Mark completed".
    """

    watched = frozenset({"participation", "person"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, ParticipantTableModel(workspace), parent)
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

    def count_text(self, n: int) -> str:
        return ngettext("{n} person", "{n} people", n).format(n=n)

    def controls(self) -> tuple[QWidget, ...]:
        return (self.add, self.new, self.complete, self.remove, self.role)

    def show_activity(self, activity_uid: str | None, editable: bool) -> None:
        """List the participants of an activity (None: nothing yet)."""
        self.show_for(activity_uid, editable)

    def add_people(self, person_uids: list[str]) -> None:
        """Add these people to the activity with the chosen role (one undo step each)."""
        assert self.owner_uid
        present = {r.person_uid for r in activity_participants(self.ws.db, self.owner_uid)}
        failure = None
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
            failure = exc.message
        self.reload()
        if failure:
            self._fail(failure)

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
