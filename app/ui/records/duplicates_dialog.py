"""Likely duplicates: the open candidate pairs of people (or organisations), each with
its score and evidence, and this office's decision: Link (the same) or Different."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError
from app.i18n import _, format_number, ngettext
from app.identity.candidates import Candidate
from app.services.evidence_text import evidence_text
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel

SCORE, FIRST, SECOND, EVIDENCE = range(4)


def _record_text(label: str, country: str | None) -> str:
    """A record as the list shows it: its name, and its country in brackets."""
    return f"{label} ({country})" if country else label


class DuplicatesDialog(QDialog):
    """The open candidate pairs of ``kind``, best first, with Link and Different."""

    decided = Signal()  # a pair was linked or kept apart: lists may show fewer records

    def __init__(self, workspace: Workspace, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.kind = workspace, kind
        self.pairs: list[Candidate] = []
        self.setWindowTitle(
            _("Likely duplicate people")
            if kind == "person"
            else _("Likely duplicate organisations")
        )
        self.note = WrappingLabel(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("Score"), _("Record"), _("Record"), _("Evidence")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.link_button = QPushButton(_("&Link: the same"), self)
        self.link_button.setToolTip(_("Count the two records as one (a record of this office)"))
        self.different_button = QPushButton(_("&Different"), self)
        self.different_button.setToolTip(_("Two records of two; not proposed again"))
        self.link_button.clicked.connect(self._on_link)
        self.different_button.clicked.connect(self._on_different)
        self.table.itemSelectionChanged.connect(self._on_selection)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.different_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(900, 480)
        self.refresh()

    def refresh(self) -> None:
        """Read the open candidate pairs again and show them."""
        try:
            self.pairs = self.ws.duplicates(self.kind)
        except AcecError as exc:
            self.pairs = []
            self.note.setText(exc.message)
        else:
            self.note.setText(
                ngettext(
                    "{n} pair of records may be one. Decide for each: Link or Different.",
                    "{n} pairs of records may be one. Decide for each: Link or Different.",
                    len(self.pairs),
                ).format(n=format_number(len(self.pairs)))
            )
        self.table.setRowCount(len(self.pairs))
        for row, c in enumerate(self.pairs):
            texts = (
                format_number(c.score),
                _record_text(c.first.label, c.first.country),
                _record_text(c.second.label, c.second.country),
                evidence_text(c.evidence),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{c.first.uid}\n{c.second.uid}" if column else text)
                if column == SCORE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._on_selection()

    def _current(self) -> Candidate | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.pairs[row] if selected and 0 <= row < len(self.pairs) else None

    def _on_selection(self) -> None:
        chosen = self._current() is not None
        self.link_button.setEnabled(chosen)
        self.different_button.setEnabled(chosen)

    def _decide(self, verdict: str) -> None:
        pair = self._current()
        if pair is None:
            return
        try:
            self.ws.decide(pair.first.uid, pair.second.uid, verdict)
        except AcecError as exc:
            self.note.setText(exc.message)
            return
        self.refresh()
        self.decided.emit()

    def _on_link(self) -> None:
        self._decide("same")

    def _on_different(self) -> None:
        self._decide("different")
