"""The review queue: the countries' records and where each stands with the secretariat.

At the secretariat: filter by office, kind, state and year, choose several
rows, and Accept them or Return them with one reason (asked once); each runs
on the worker in one transaction, and the next packages carry the verdicts.
At a country office the same table shows its own records, read-only, with
the secretariat's reasons. The secretariat also grants an exception for one
record of a locked year here, and locks years (or lifts locks) on the page's
second tab, "Years and locks" (``YearLocksPanel``).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_number, ngettext
from app.models.codes import COUNTRY_CODES, REVIEW_STATE, REVIEWED_KIND, SECRETARIAT, label_of
from app.services.locks import ExceptionInfo, LockView, grant_exception, lock_view
from app.services.review import ReviewFilters, ReviewRow, review_queue
from app.services.review_verdicts import VerdictResult, accept_records, return_records
from app.ui.background import BackgroundCall, NewestRead
from app.ui.review.confirmation import Confirmation
from app.ui.review.failure_text import failure_text
from app.ui.review.return_dialog import ReturnDialog
from app.ui.review.review_table_model import ReviewTableModel
from app.ui.review.year_locks_panel import YearLocksPanel
from app.ui.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from app.ui.records.workspace import Workspace

NO_YEAR = 1999  # the year box's "all years"


@dataclass(frozen=True)
class QueueRead:
    """The queue's rows and the locks that keep some of them, read together."""

    rows: list[ReviewRow]
    locks: LockView


def exception_question(row: ReviewRow) -> str:
    """What granting an exception for ``row`` does, asked before it is granted."""
    return _(
        "Let {country}'s office change this record ({kind}: “{title}”) although {year} is "
        "locked for it? Only this record may then change; the exception travels in your "
        "next package."
    ).format(
        country=label_of("country", row.country),
        kind=label_of("reviewed_kind", row.kind),
        title=row.title,
        year=row.year,
    )


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
        self.exception_button = QPushButton(_("Grant e&xception…"), self)
        self.exception_button.setToolTip(
            _("Lets the office change the chosen record although its year is locked.")
        )
        self.exception_button.clicked.connect(self._on_exception)
        for button in (self.accept_button, self.return_button, self.exception_button):
            button.setVisible(self.reviewing)
        self.message = WrappingLabel(self)
        self.count = QLabel(self)
        self.locks = LockView(frozenset(), frozenset())
        self.return_dialog: ReturnDialog | None = None
        self.confirmation: Confirmation | None = None
        self.years: YearLocksPanel | None = YearLocksPanel(ws, self) if self.reviewing else None
        self.tabs: QTabWidget | None = None
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
        buttons.addWidget(self.exception_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        queue = QVBoxLayout()
        queue.addWidget(explain)
        queue.addLayout(filters)
        queue.addWidget(self.view, 1)
        queue.addLayout(buttons)
        if self.years is None:
            layout.addLayout(queue, 1)
            return
        records = QWidget(self)
        records.setLayout(queue)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(records, _("Records"))
        self.tabs.addTab(self.years, _("Years and locks"))
        layout.addWidget(self.tabs, 1)

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

    def _read(self) -> QueueRead:
        filters = self.filters()
        return QueueRead(review_queue(self.db, filters), lock_view(self.db))

    @property
    def counting(self) -> bool:
        return self.reader.busy or (self.years is not None and self.years.counting)

    def reload(self) -> None:
        """Read the queue again on the worker."""
        self.reader.start()

    def show_state(self, state: str) -> None:
        """Show the records in review state ``state`` (all when empty), as the Dashboard asks."""
        found = self.state.findData(state or None)
        self.state.setCurrentIndex(max(found, 0))

    def _show_rows(self, read: QueueRead) -> None:
        rows = read.rows
        self.locks = read.locks
        self.model.set_rows(rows, read.locks)
        self.count.setText(
            ngettext("{n} record", "{n} records", len(rows)).format(n=format_number(len(rows)))
        )
        self._update_buttons()

    def chosen_uids(self) -> list[str]:
        """The ids of the chosen rows, in table order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r].uid for r in rows]

    def chosen_locked_row(self) -> ReviewRow | None:
        """The one chosen row when a year lock keeps it (what an exception is for)."""
        chosen = self.view.selectionModel().selectedRows()
        if len(chosen) != 1:
            return None
        row = self.model.rows[chosen[0].row()]
        return row if self.locks.keeps(row.country, row.year, row.uid) else None

    def _update_buttons(self) -> None:
        chosen = bool(self.view.selectionModel().selectedRows())
        self.accept_button.setEnabled(chosen)
        self.return_button.setEnabled(chosen)
        self.exception_button.setEnabled(self.chosen_locked_row() is not None)

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

    def _on_exception(self) -> None:
        row = self.chosen_locked_row()
        if row is None:
            return
        box = Confirmation(
            self, _("Grant an exception"), exception_question(row), _("&Grant exception")
        )
        self.confirmation = box
        uid = row.uid

        def answered(_result: int) -> None:
            self.confirmation = None
            if box.confirmed():
                self._give(lambda: grant_exception(self.db, uid), "", changed="lock_exception")
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    @staticmethod
    def _accepted_text(n: int) -> str:
        return ngettext("Accepted {n} record.", "Accepted {n} records.", n).format(
            n=format_number(n)
        )

    def _give(self, work: Any, done_text: str, changed: str = "review") -> None:
        call = BackgroundCall(self, work)
        self.pending.append(call)

        def done(result: VerdictResult | ExceptionInfo) -> None:
            said = result.text() if isinstance(result, ExceptionInfo) else done_text
            self.message.setText(said)
            self.ws.changed.emit(changed)  # the lists, the Dashboard and this queue

        call.done.connect(done)
        call.error.connect(lambda exc: self.message.setText(failure_text(exc)))
        call.destroyed.connect(lambda: self.pending.remove(call) if call in self.pending else None)
        call.start()
