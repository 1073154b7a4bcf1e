"""The review queue: the countries' records and where each stands with the secretariat.

At the secretariat: filter by office, kind, state and year, choose several
rows, and Accept them or Return them with one reason (asked once); each runs
on the worker in one transaction, and the next packages carry the verdicts.
At a country office the same table shows its own records, read-only, with
the secretariat's reasons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError, ValidationError
from app.i18n import _, format_number, ngettext
from app.logging_setup import log_unexpected
from app.models.codes import COUNTRY_CODES, REVIEW_STATE, REVIEWED_KIND, SECRETARIAT, label_of
from app.services.review import ReviewFilters, review_queue
from app.services.review_verdicts import VerdictResult, accept_records, return_records
from app.ui.background import BackgroundCall, NewestRead
from app.ui.review.return_dialog import ReturnDialog
from app.ui.review.review_table_model import ReviewTableModel
from app.ui.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from app.ui.records.workspace import Workspace

NO_YEAR = 1999  # the year box's "all years"


def failure_text(exc: object) -> str:
    """What to tell the user about a refused or failed review; unexpected errors are logged."""
    if isinstance(exc, ValidationError):
        return _("Nothing was changed: {problems}").format(
            problems="; ".join(p.message for p in exc.problems[:5])
        )
    if isinstance(exc, AcecError):
        return exc.message
    if isinstance(exc, BaseException):
        return _("Unexpected error; details were written to {log}.").format(log=log_unexpected(exc))
    return str(exc)


class ReviewPage(QWidget):
    """The review queue with its filters and, at the secretariat, Accept and Return."""

    open_record = Signal(str, str)  # kind, uid: a double-clicked row, to show in its list

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.db = ws, ws.db
        self.reviewing = ws.site == SECRETARIAT
        self.model = ReviewTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.country = self._combo([(c, label_of("site", c)) for c in COUNTRY_CODES])
        self.kind = self._combo([(k, label_of("reviewed_kind", k)) for k in REVIEWED_KIND])
        self.state = self._combo([(s, label_of("review_state", s)) for s in REVIEW_STATE])
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText(_("All years"))
        self.year.setValue(NO_YEAR)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.country.setVisible(self.reviewing)  # an office sees its own records only
        self.accept_button = QPushButton(_("&Accept"), self)
        self.accept_button.clicked.connect(self._on_accept)
        self.return_button = QPushButton(_("&Return for correction…"), self)
        self.return_button.clicked.connect(self._on_return)
        for button in (self.accept_button, self.return_button):
            button.setVisible(self.reviewing)
        self.message = WrappingLabel(self)
        self.count = QLabel(self)
        self.return_dialog: ReturnDialog | None = None
        self.pending: list[BackgroundCall] = []
        self._build_layout()
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.reader = NewestRead(self, self._read)
        self.reader.shown.connect(self._show_rows)
        self.reader.failed.connect(lambda exc: self.message.setText(failure_text(exc)))
        ws.changed.connect(lambda _kind: self.reload())
        self.reload()

    def _combo(self, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(_("All"), None)
        for code, label in choices:
            combo.addItem(label, code)
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    def _build_layout(self) -> None:
        title = QLabel("<h2>" + _("Review of the countries' records") + "</h2>", self)
        explain = WrappingLabel(self)
        if self.reviewing:
            explain.setText(
                _(
                    "Every record a country office sends is submitted here. Choose records "
                    "(Ctrl or Shift for several) and accept them, or return them with a reason. "
                    "A returned record that its office corrects comes back as resubmitted. "
                    "Your next packages carry the verdicts to the offices."
                )
            )
        else:
            explain.setText(
                _(
                    "Where this office's records stand with the joint secretariat. A record "
                    "returned for correction shows the secretariat's reason; correct it and "
                    "save, and it is resubmitted with your next package."
                )
            )
        filters = QHBoxLayout()
        for label, widget in (
            (_("Office:"), self.country),
            (_("Kind:"), self.kind),
            (_("State:"), self.state),
            (_("Year:"), self.year),
        ):
            if widget.isHidden():
                continue
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.return_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    # --- reading -----------------------------------------------------------------

    def filters(self) -> ReviewFilters:
        """The filters as chosen."""
        year = self.year.value()
        return ReviewFilters(
            country=self.country.currentData(),
            kind=self.kind.currentData(),
            state=self.state.currentData(),
            year=None if year == NO_YEAR else year,
        )

    def _read(self) -> Any:
        filters = self.filters()
        return review_queue(self.db, filters)

    @property
    def counting(self) -> bool:
        return self.reader.busy

    def reload(self) -> None:
        """Read the queue again on the worker."""
        self.reader.start()

    def show_state(self, state: str) -> None:
        """Show the records in review state ``state`` (all when empty), as the Dashboard asks."""
        found = self.state.findData(state or None)
        self.state.setCurrentIndex(max(found, 0))

    def _show_rows(self, rows: Any) -> None:
        self.model.set_rows(rows)
        self.count.setText(
            ngettext("{n} record", "{n} records", len(rows)).format(n=format_number(len(rows)))
        )
        self._update_buttons()

    def chosen_uids(self) -> list[str]:
        """The ids of the chosen rows, in table order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r].uid for r in rows]

    def _update_buttons(self) -> None:
        chosen = bool(self.view.selectionModel().selectedRows())
        self.accept_button.setEnabled(chosen)
        self.return_button.setEnabled(chosen)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.open_record.emit(row.kind, row.uid)

    # --- verdicts ----------------------------------------------------------------

    def _on_accept(self) -> None:
        uids = self.chosen_uids()
        if uids:
            self._give(lambda: accept_records(self.db, uids), self._accepted_text(len(uids)))

    def _on_return(self) -> None:
        uids = self.chosen_uids()
        if not uids:
            return
        dialog = ReturnDialog(len(uids), self)
        self.return_dialog = dialog

        def answered(result: int) -> None:
            self.return_dialog = None
            if result == ReturnDialog.DialogCode.Accepted:
                reason = dialog.reason_text()
                done = ngettext(
                    "Returned {n} record for correction.",
                    "Returned {n} records for correction.",
                    len(uids),
                ).format(n=format_number(len(uids)))
                self._give(lambda: return_records(self.db, uids, reason), done)
            dialog.deleteLater()

        dialog.finished.connect(answered)
        dialog.open()

    @staticmethod
    def _accepted_text(n: int) -> str:
        return ngettext("Accepted {n} record.", "Accepted {n} records.", n).format(
            n=format_number(n)
        )

    def _give(self, work: Any, done_text: str) -> None:
        call = BackgroundCall(self, work)
        self.pending.append(call)

        def done(result: VerdictResult) -> None:
            self.message.setText(done_text)
            self.ws.changed.emit("review")  # the lists, the Dashboard and this queue

        call.done.connect(done)
        call.error.connect(lambda exc: self.message.setText(failure_text(exc)))
        call.destroyed.connect(lambda: self.pending.remove(call) if call in self.pending else None)
        call.start()
