"""The Exchange rates page: a year × currency table the secretariat edits in place.

At the secretariat a cell is edited by typing, a block is pasted from Excel
with Ctrl+V, and "Import a rates sheet…" reads a simple .xlsx; every write
runs on the worker (one transaction each). At a country office the table is
read-only, with a lock and a line saying where the rates come from.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError
from app.i18n import _, format_number
from app.logging_setup import log_unexpected
from app.models.values import ValueProblem
from app.services.exchange_rates import (
    RateChange,
    SetRatesResult,
    parse_rate,
    rate_table,
    set_rates,
)
from app.services.rates_sheet import RatesImport, import_rates_sheet
from app.sync.errors import PackageRefused
from app.ui.background import BackgroundCall, NewestRead
from app.ui.rates.rates_table_model import RatesTableModel
from app.ui.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from app.ui.records.workspace import Workspace


def counts_text(result: SetRatesResult) -> str:
    """How many rates a change added, changed or found already so."""
    return _("{added} added, {changed} changed, {same} already so.").format(
        added=format_number(result.added),
        changed=format_number(result.changed),
        same=format_number(result.unchanged),
    )


def error_text(exc: object) -> str:
    """What to tell the user about a failed write; unexpected errors go to the log."""
    if isinstance(exc, PackageRefused):
        lines = [exc.message, *(str(p) for p in exc.problems[:10])]
        return "\n".join(lines)
    if isinstance(exc, AcecError):
        return exc.message
    if isinstance(exc, BaseException):
        log = log_unexpected(exc)
        return _("Unexpected error; details were written to {log}.").format(log=log)
    return str(exc)


class RatesPage(QWidget):
    """The secretariat's yearly rates to the US dollar."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.db = ws.db
        self.editable = ws.site == "SEC"
        self.model = RatesTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.message = WrappingLabel(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(_("Import a rates sheet…"), self)
        self.import_button.clicked.connect(self.choose_sheet)
        self.import_button.setVisible(self.editable)
        self._build_layout()
        self.model.change_requested.connect(lambda change: self.save([change]))
        self.model.refused.connect(self.message.setText)
        self.paste_shortcut = QShortcut(QKeySequence.StandardKey.Paste, self.view)
        self.paste_shortcut.activated.connect(self.paste)
        self.reader = NewestRead(self, lambda: rate_table(self.db))
        self.reader.shown.connect(self.model.set_table)
        self.reader.failed.connect(lambda exc: self.message.setText(error_text(exc)))
        self.pending: list[Any] = []  # background calls under way, kept alive
        self.confirm_box: QMessageBox | None = None
        ws.changed.connect(lambda _kind: self.reload())
        self.reload()

    def _build_layout(self) -> None:
        title = QLabel("<h2>" + _("Exchange rates") + "</h2>", self)
        explain = WrappingLabel(self)
        lock = QLabel(self)
        if self.editable:
            explain.setText(
                _(
                    "US dollars for one unit of each currency, yearly average. Reports convert "
                    "amounts with these unless a funding record carries its own rate. Type in a "
                    "cell, paste a block from Excel (Ctrl+V), or import a sheet with year, "
                    "currency and rate columns. Your next packages carry the changes to every "
                    "office. Shaded cells are not verified: check them against the published "
                    "table. Bold cells were changed here."
                )
            )
            lock.hide()
        else:
            explain.setText(
                _(
                    "US dollars for one unit of each currency, yearly average. These rates are "
                    "kept by the joint secretariat and arrive in its packages; this office "
                    "cannot change them. A funding record may carry the rate your finance "
                    "section used instead."
                )
            )
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            lock.setPixmap(icon.pixmap(24, 24))
            lock.setToolTip(_("Read-only: kept by the joint secretariat"))
            self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addWidget(lock)
        top.addWidget(explain, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

    @property
    def counting(self) -> bool:
        """Whether the table is being read off the UI thread (screenshots wait for it)."""
        return self.reader.busy

    def reload(self) -> None:
        """Read the rates again on the worker."""
        self.reader.start()

    def _run(self, work: Any, done: Any) -> None:
        call = BackgroundCall(self, work)
        self.pending.append(call)
        call.done.connect(done)
        call.error.connect(lambda exc: self.message.setText(error_text(exc)))
        call.destroyed.connect(lambda: self.pending.remove(call) if call in self.pending else None)
        call.start()

    def save(self, changes: Sequence[RateChange]) -> None:
        """Set ``changes`` in one transaction on the worker, then show the table again."""
        changes = list(changes)

        def saved(result: SetRatesResult) -> None:
            self.message.setText(_("Saved: {counts}").format(counts=counts_text(result)))
            self.ws.changed.emit("exchange_rate")

        self._run(lambda: set_rates(self.db, changes), saved)

    def paste(self) -> None:
        """Paste a block copied from a spreadsheet at the current cell."""
        if not self.editable:
            self.message.setText(_("These rates are kept by the joint secretariat."))
            return
        text = QGuiApplication.clipboard().text()
        start = self.view.currentIndex()
        if not text.strip() or not start.isValid():
            self.message.setText(_("Select the cell where the pasted block starts, then paste."))
            return
        changes, problems = self._pasted_changes(text, start.row(), start.column())
        if problems:
            self.message.setText(
                _("Nothing was pasted: {problems}").format(problems="; ".join(problems[:5]))
            )
            return
        self.save(changes)

    def _pasted_changes(
        self, text: str, row0: int, col0: int
    ) -> tuple[list[RateChange], list[str]]:
        table = self.model.table
        changes: list[RateChange] = []
        problems: list[str] = []
        for r, line in enumerate(text.rstrip("\r\n").splitlines()):
            for c, value in enumerate(line.split("\t")):
                row, col = row0 + r, col0 + c
                if row >= len(table.years) or col >= len(table.currencies):
                    problems.append(_("the block is larger than the table from the chosen cell"))
                    return changes, problems
                year, currency = table.years[row], table.currencies[col]
                if not value.strip():
                    continue  # an empty cell leaves the rate as it is
                try:
                    changes.append(RateChange(year, currency, parse_rate(value)))
                except ValueProblem as exc:
                    problems.append(
                        _("{currency} {year}: {problem}").format(
                            currency=currency, year=year, problem=str(exc)
                        )
                    )
        return changes, problems

    def choose_sheet(self) -> None:
        """Ask for a rates sheet, then check it."""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a rates sheet"), "", _("Excel workbooks (*.xlsx)")
        )
        if path:
            self.import_sheet(Path(path))

    def import_sheet(self, path: Path) -> None:
        """Check ``path`` on the worker, show what it would change, save when confirmed."""
        self.message.setText(_("Checking {file}…").format(file=path.name))
        self._run(lambda: import_rates_sheet(self.db, path, dry_run=True), self._confirm_import)

    def _confirm_import(self, checked: RatesImport) -> None:
        counts = counts_text(checked.counts)
        if checked.counts.added + checked.counts.changed == 0:
            self.message.setText(
                _("{file}: nothing to change ({counts})").format(
                    file=checked.path.name, counts=counts
                )
            )
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Import a rates sheet"),
            _(
                "{file}, sheet {sheet}: {counts} Save these rates? The database is backed up first."
            ).format(file=checked.path.name, sheet=checked.sheet, counts=counts),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            self,
        )
        save = box.button(QMessageBox.StandardButton.Save)

        def answered(_result: int) -> None:
            if box.clickedButton() is save:
                self._apply_import(checked.path)
            else:
                self.message.setText(_("Not imported; nothing changed."))

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def _apply_import(self, path: Path) -> None:
        def imported(done: RatesImport) -> None:
            self.message.setText(
                _("Imported {file}: {counts} The backup taken before is {backup}.").format(
                    file=path.name, counts=counts_text(done.counts), backup=done.backup
                )
            )
            self.ws.changed.emit("exchange_rate")

        self._run(lambda: import_rates_sheet(self.db, path), imported)
