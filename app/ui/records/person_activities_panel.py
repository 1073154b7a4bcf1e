"""The Activities tab of a person's form: what they took part in, and what they completed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.i18n import ngettext
from app.ui.records.related_models import PersonActivityTableModel
from app.ui.records.related_panel import RelatedPanel
from app.ui.records.workspace import Workspace


class PersonActivitiesPanel(RelatedPanel):
    """The activities a person took part in; "Completed" can be ticked here too."""

    watched = frozenset({"participation", "activity"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, PersonActivityTableModel(workspace), parent)
        self.count = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(self.table)

    def show_person(self, person_uid: str | None) -> None:
        """List a person's activities (None: nothing yet)."""
        self.owner_uid = person_uid
        self.error.hide()
        self.model.load(person_uid)
        self.table.fit_columns()
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} activity", "{n} activities", n).format(n=n))

    def reload(self) -> None:
        """List the same person's activities again."""
        self.show_person(self.owner_uid)
