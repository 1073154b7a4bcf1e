"""The Funding tab of an activity's form: the money committed and disbursed for it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from app.ui.records.pick_dialog import RecordDialog
from app.ui.records.related_models import FundingTableModel
from app.ui.records.related_panel import RelatedPanel
from app.ui.records.workspace import Workspace

LONG_TEXT = ("source", "donor")  # the columns cut short first when the panel is narrow


class FundingPanel(RelatedPanel):
    """The money recorded for an activity; add or remove funding rows."""

    watched = frozenset({"funding", "organisation"})
    row_kind = "funding"  # Enter, F2 or a double-click changes a row in place
    row_hidden = ("activity_uid",)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        model = FundingTableModel(workspace)
        long_text = tuple(i for i, c in enumerate(model.columns) if c.key in LONG_TEXT)
        super().__init__(workspace, model, parent, stretch=1, elastic=long_text)
        self.columns = model.columns
        self.add = QPushButton(_("Add &funding…"), self)
        self.add.clicked.connect(self._on_add)
        self.remove = QPushButton(_("Remo&ve"), self)
        self.remove.clicked.connect(self._on_remove)
        bar = QHBoxLayout()
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.add)
        bar.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table)

    def count_text(self, n: int) -> str:
        return ngettext("{n} row", "{n} rows", n).format(n=n)

    def controls(self) -> tuple[QWidget, ...]:
        return (self.add, self.remove)

    def show_activity(self, activity_uid: str | None, editable: bool) -> None:
        """List the funding of an activity (None: nothing yet)."""
        self.show_for(activity_uid, editable)

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
            self.reload()

    def _on_remove(self) -> None:
        self._change_selected(lambda uid: self.ws.delete("funding", uid))
