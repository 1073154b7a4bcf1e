"""The Activities tab of a person's form: what they took part in, and what they completed."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import ngettext
from app.ui.records.related_models import PersonActivityTableModel
from app.ui.records.related_panel import RelatedPanel
from app.ui.records.workspace import Workspace


class PersonActivitiesPanel(RelatedPanel):
    """The activities a person took part in; "Completed" can be ticked here too."""

    watched = frozenset({"participation", "activity"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, PersonActivityTableModel(workspace), parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(self.table)

    def count_text(self, n: int) -> str:
        return ngettext("{n} activity", "{n} activities", n).format(n=n)

    def show_person(self, person_uid: str | None) -> None:
        """List a person's activities (None: nothing yet)."""
        self.show_for(person_uid)
