"""The secretariat's years by country on its Review page: lock a year, or lift its lock.

The same completeness table as the Dashboard's; a chosen row with a year can be
locked (or its lock lifted) after a question that says what that does. The
change runs on the worker through ``app.services.locks`` and the next package
carries it to the office.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models.codes import label_of
from app.services.completeness import CompletenessRow
from app.services.locks import YearLockInfo, lock_year, unlock_year
from app.ui.background import BackgroundCall, NewestRead
from app.ui.review.completeness_model import (
    CompletenessFigures,
    CompletenessModel,
    completeness_figures,
)
from app.ui.review.confirmation import Confirmation
from app.ui.review.failure_text import failure_text
from app.ui.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from app.ui.records.workspace import Workspace


def lock_question(row: CompletenessRow, *, lock: bool) -> tuple[str, str, str]:
    """The title, question and button of the box that asks before locking or lifting."""
    country, year = label_of("country", row.country), row.year
    if lock:
        text = _(
            "Lock {year} for {country}? {country}'s records of {year} can then no longer "
            "be changed at its office; the lock travels in your next package."
        )
        return (
            _("Lock a year"),
            text.format(year=year, country=country),
            _("&Lock {year}").format(year=year),
        )
    text = _(
        "Lift the lock of {year} for {country}? {country}'s office can then change its "
        "records of {year} again; the lifting travels in your next package."
    )
    return _("Lift a lock"), text.format(year=year, country=country), _("&Lift the lock")


class YearLocksPanel(QWidget):
    """Countries and years with their review counts and locks; Lock year… and Lift lock…."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.db = ws, ws.db
        self.model = CompletenessModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lock_button = QPushButton(_("&Lock year…"), self)
        self.lock_button.clicked.connect(self._on_lock)
        self.lift_button = QPushButton(_("Lift loc&k…"), self)
        self.lift_button.clicked.connect(self._on_lift)
        self.message = WrappingLabel(self)
        self.confirmation: Confirmation | None = None
        self.pending: list[BackgroundCall] = []
        self._build_layout()
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.reader = NewestRead(self, lambda: completeness_figures(self.db))
        self.reader.shown.connect(self._show_figures)
        self.reader.failed.connect(lambda exc: self.message.setText(failure_text(exc)))
        ws.changed.connect(lambda _kind: self.reload())
        self.reload()

    def _build_layout(self) -> None:
        explain = WrappingLabel(
            _(
                "Per country and year: the records submitted and where they stand. Once a "
                "year's figures are accepted, choose its row and lock it: its office can then "
                "no longer change that year's records. Your next package carries the lock."
            ),
            self,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.lock_button)
        buttons.addWidget(self.lift_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    @property
    def counting(self) -> bool:
        return self.reader.busy

    def reload(self) -> None:
        """Read the table again on the worker."""
        self.reader.start()

    def _show_figures(self, figures: CompletenessFigures) -> None:
        chosen = self.chosen_row()
        key = (chosen.country, chosen.year) if chosen else None
        self.model.show_figures(figures)
        for column in range(self.model.columnCount()):
            self.view.resizeColumnToContents(column)
        for n, row in enumerate(self.model.rows):  # the same row stays chosen
            if (row.country, row.year) == key:
                self.view.setCurrentIndex(self.model.index(n, 0))
        self._update_buttons()

    def chosen_row(self) -> CompletenessRow | None:
        """The row chosen in the table, if any."""
        chosen = self.view.selectionModel().selectedRows()
        return self.model.row_at(chosen[0]) if chosen else None

    def _update_buttons(self) -> None:
        row = self.chosen_row()
        has_year = row is not None and row.year is not None
        self.lock_button.setEnabled(has_year and row is not None and not row.locked)
        self.lift_button.setEnabled(has_year and row is not None and row.locked)

    def _on_lock(self) -> None:
        self._ask(lock=True)

    def _on_lift(self) -> None:
        self._ask(lock=False)

    def _ask(self, *, lock: bool) -> None:
        row = self.chosen_row()
        if row is None or row.year is None:
            return
        title, text, do_text = lock_question(row, lock=lock)
        box = Confirmation(self, title, text, do_text)
        self.confirmation = box
        country, year = row.country, row.year

        def answered(_result: int) -> None:
            self.confirmation = None
            if box.confirmed():
                change = lock_year if lock else unlock_year
                self._change(lambda: change(self.db, country, year))
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    def _change(self, work: Any) -> None:
        call = BackgroundCall(self, work)
        self.pending.append(call)

        def done(info: YearLockInfo) -> None:
            self.message.setText(info.text())
            self.ws.changed.emit("year_lock")  # this table, the queue and the Dashboard

        call.done.connect(done)
        call.error.connect(lambda exc: self.message.setText(failure_text(exc)))
        call.destroyed.connect(lambda: self.pending.remove(call) if call in self.pending else None)
        call.start()
