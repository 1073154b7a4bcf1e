"""The Sync page: packages exported and imported, acknowledgements, export/import/undo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError, short_description
from app.i18n import _, format_datetime, format_number, ngettext
from app.logging_setup import log_unexpected
from app.models import model_of
from app.models.codes import SECRETARIAT, label_of
from app.services.incoming_duplicates import package_likely_present
from app.services.peer_stats import PeerStats, peer_stats
from app.services.template_import import template_kind_of
from app.store import Database
from app.sync.errors import PackageRefused
from app.sync.export import ExportResult, export_package
from app.sync.history import acknowledgements, package_history
from app.sync.importer import (
    ImportResult,
    PreparedImport,
    apply_import,
    log_refusal,
    prepare_import,
    refusal_message,
)
from app.sync.undo import UndoResult, plan_undo, undo_last_import
from app.ui.background import BackgroundTask, ProgressCallback
from app.ui.sync.export_dialog import ExportDialog, default_folder
from app.ui.sync.import_preview_dialog import ImportPreviewDialog
from app.ui.sync.peer_table_model import PeerTableModel
from app.ui.wrapping_label import WrappingLabel


def _direction_text(direction: str) -> str:
    return {"export": _("Sent"), "import": _("Received"), "undo": _("Undone")}.get(
        direction, direction
    )


def _outcome_text(outcome: str) -> str:
    return {
        "written": _("written"),
        "applied": _("imported"),
        "refused": _("refused"),
        "undone": _("undone"),
    }.get(outcome, outcome)


def _kind_text(kind: str) -> str:
    """A kind of record as the user reads it (the code itself when this program lacks it)."""
    try:
        return _(model_of(kind).__label__)
    except KeyError:
        return kind


def _peer_text(code: str) -> str:
    if not code:
        return "—"
    if code == "ALL":
        return _("every country office")
    return f"{label_of('site', code)} ({code})"


@dataclass(frozen=True)
class CheckedPackage:
    """A package read and checked, and how many people it brings may already be recorded."""

    prepared: PreparedImport
    possible_duplicates: int


class SyncPage(QWidget):
    """Exchange packages with other offices; see what was exchanged and acknowledged."""

    changed = Signal()  # after an import, an export or an undo

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._task: BackgroundTask | None = None
        self.export_dialog: ExportDialog | None = None
        self.preview_dialog: ImportPreviewDialog | None = None
        self.undo_box: QMessageBox | None = None
        self.last_result: object = None
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        title = QLabel(_("<h2>Sync with other offices</h2>"))
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        intro = WrappingLabel(self._intro_text())
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setToolTip(_("Write a package for another office (Ctrl+E)"))
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setToolTip(_("Read a package from another office (Ctrl+I)"))
        self.undo_button = QPushButton(_("Undo last import"))
        self.undo_button.setToolTip(_("Put back the backup taken just before the last import"))
        self.receipt_button = QPushButton(_("Save receipt…"))
        self.receipt_button.setToolTip(
            _(
                "Write a small package telling an office which of its packages arrived and "
                "what became of their records (the secretariat: choose the office below first)"
            )
        )
        self.export_button.clicked.connect(self.start_export)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.undo_button.clicked.connect(self.start_undo)
        self.receipt_button.clicked.connect(self._on_receipt_clicked)
        for button in (
            self.export_button,
            self.import_button,
            self.undo_button,
            self.receipt_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status_label = WrappingLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)
        layout.addWidget(QLabel(_("<b>Packages sent and received</b>")))
        self.packages_table = self._table(
            [_("When"), _("Direction"), _("With"), _("Records"), _("Outcome"), _("File or reason")]
        )
        layout.addWidget(self.packages_table, 3)
        layout.addWidget(QLabel(_("<b>What each office has acknowledged receiving</b>")))
        self.acks_table = self._table(
            [_("Office"), _("Records of"), _("Newest record they hold, made")]
        )
        layout.addWidget(self.acks_table, 2)
        layout.addWidget(QLabel(_("<b>Numbered packages and receipts, per office</b>")))
        self.peer_model = PeerTableModel(self)
        self.peer_table = QTableView()
        self.peer_table.setModel(self.peer_model)
        self.peer_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.peer_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.peer_table.verticalHeader().setVisible(False)
        self.peer_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.peer_table, 2)
        self.refused_title = QLabel(_("<b>Your records the other office did not apply</b>"))
        self.refused_table = self._table(
            [_("Office"), _("Kind"), _("Record"), _("In your package"), _("Why")]
        )
        layout.addWidget(self.refused_title)
        layout.addWidget(self.refused_table, 1)
        self.refresh()

    def _intro_text(self) -> str:
        site = self.db.site
        if site == "SEC":
            return _(
                "The secretariat sends each country office a package with everyone's records "
                "and receives theirs. Import a country's package, then export one for each country."
            )
        return _(
            "Send your records to the joint secretariat with Export…, and import the package "
            "it sends back with Import… (or drop the file here)."
        )

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def refresh(self) -> None:
        """Reload the package history and the acknowledgements."""
        entries = package_history(self.db)
        self.packages_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            detail = (
                entry.reason if entry.outcome == "refused" and entry.reason else entry.file_name
            )
            cells = [
                format_datetime(entry.at, "short") + " UTC",
                _direction_text(entry.direction),
                _peer_text(entry.peer),
                format_number(entry.records),
                _outcome_text(entry.outcome),
                Path(detail).name if detail == entry.file_name else detail,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 5:
                    item.setToolTip(detail)
                self.packages_table.setItem(row, col, item)
        acks = acknowledgements(self.db)
        self.acks_table.setRowCount(len(acks))
        for row, ack in enumerate(acks):
            made = (
                format_datetime(ack.made_at, "short") + " UTC"
                if ack.made_at
                else _("reference data")
            )
            for col, text in enumerate([_peer_text(ack.peer), _peer_text(ack.owner), made]):
                item = QTableWidgetItem(text)
                item.setToolTip(ack.version)
                self.acks_table.setItem(row, col, item)
        self.undo_button.setEnabled(
            any(e.direction == "import" and e.outcome == "applied" for e in entries)
        )
        peers = peer_stats(self.db)
        self.peer_model.set_rows(peers)
        self.peer_table.resizeColumnsToContents()
        self._show_refused(peers)

    def _show_refused(self, peers: list[PeerStats]) -> None:
        """The records each office said it held back from our newest package, by id."""
        refused = [(p.peer, r) for p in peers for r in p.refused_records]
        self.refused_table.setRowCount(len(refused))
        for row, (peer, record) in enumerate(refused):
            cells = [
                _peer_text(peer),
                _kind_text(record.kind),
                record.uid,
                _("No. {n}").format(n=format_number(record.package)),
                record.reason,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.refused_table.setItem(row, col, item)
        self.refused_title.setVisible(bool(refused))
        self.refused_table.setVisible(bool(refused))

    # --- busy state and messages -------------------------------------------------

    def busy(self) -> bool:
        """True while an export, import or undo runs."""
        return self._task is not None and self._task.running

    def _show(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #a00000;" if error else "")
        self.status_label.setText(text)

    def _run(self, title: str, work: Any, on_done: Any) -> None:
        self._task = BackgroundTask(self, title, work)
        self._task.done.connect(on_done)
        self._task.error.connect(self._on_error)
        self._task.cancelled.connect(self._on_cancelled)
        self._set_buttons(False)
        self._task.start()

    def _set_buttons(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)
        self.import_button.setEnabled(enabled)
        self.receipt_button.setEnabled(enabled)
        if enabled:
            self.refresh()
        else:
            self.undo_button.setEnabled(False)

    def _on_error(self, exc: object) -> None:
        self._set_buttons(True)
        if isinstance(exc, AcecError):
            self._show(exc.message, error=True)
        else:
            assert isinstance(exc, BaseException)
            log = log_unexpected(exc)
            self._show(
                _("Unexpected error: {error}. Details were written to {log}.").format(
                    error=short_description(exc), log=log
                ),
                error=True,
            )

    def _on_cancelled(self) -> None:
        self._set_buttons(True)
        self._show(_("Cancelled; nothing was changed."))

    # --- export -------------------------------------------------------------------

    def start_export(self) -> None:
        """Ask for the recipient and file, then write the package in the background."""
        if self.busy():
            return
        self.export_dialog = ExportDialog(self.db.site, self)
        self.export_dialog.accepted.connect(self._on_export_accepted)
        self.export_dialog.open()

    def _on_export_accepted(self) -> None:
        assert self.export_dialog is not None
        recipient, full, path = self.export_dialog.chosen()
        db = self.db

        def work(progress: ProgressCallback) -> ExportResult:
            return export_package(db, path, to=recipient, full=full, progress=progress)

        self._run(_("Writing the package…"), work, self._on_exported)

    def _on_exported(self, result: ExportResult) -> None:
        self.last_result = result
        self._set_buttons(True)
        self._show(
            ngettext(
                "Wrote {file} for {to}: {n} record. Send this file to them.",
                "Wrote {file} for {to}: {n} records. Send this file to them.",
                result.total,
            ).format(
                file=result.path, to=_peer_text(result.recipient), n=format_number(result.total)
            )
        )
        self.changed.emit()

    # --- receipt ------------------------------------------------------------------

    def _on_receipt_clicked(self) -> None:
        self.start_receipt(None)

    def receipt_recipient(self) -> str | None:
        """SEC from a country; from the secretariat, the office chosen in the table."""
        if self.db.site != SECRETARIAT:
            return SECRETARIAT
        chosen = self.peer_table.selectionModel().selectedRows()
        return self.peer_model.rows[chosen[0].row()].peer if chosen else None

    def start_receipt(self, path: Path | None = None) -> None:
        """Write a receipt for the office it is for (asking for the file when ``path`` is None)."""
        if self.busy():
            return
        to = self.receipt_recipient()
        if to is None:
            self._show(_("Choose the office the receipt is for in the table first."), error=True)
            return
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save receipt"),
                str(default_folder()),
                _("Excel workbook (*.xlsx)"),
            )
            if not name:
                return
            path = Path(name)
        db = self.db
        chosen = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

        def work(progress: ProgressCallback) -> ExportResult:
            return export_package(db, chosen, to=to, receipt_only=True, progress=progress)

        self._run(_("Writing the receipt…"), work, self._on_receipt_written)

    def _on_receipt_written(self, result: ExportResult) -> None:
        self.last_result = result
        self._set_buttons(True)
        self._show(
            _("Wrote the receipt {file} for {to}. Send this file to them.").format(
                file=result.path, to=_peer_text(result.recipient)
            )
        )
        self.changed.emit()

    # --- import -------------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        self.start_import(None)

    def start_import(self, path: Path | None = None) -> None:
        """Read and check a package (asking for the file when ``path`` is None), then preview it."""
        if self.busy():
            return
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self,
                _("Choose a sync package"),
                str(default_folder()),
                _("Excel workbook (*.xlsx)"),
            )
            if not name:
                return
            path = Path(name)
        db = self.db
        chosen = Path(path)

        def work(progress: ProgressCallback) -> CheckedPackage:
            try:
                prepared = prepare_import(db, chosen, progress=progress)
            except PackageRefused as exc:
                kind = template_kind_of(chosen)  # told apart by content, not by name
                if kind is not None:
                    raise PackageRefused(
                        _(
                            "{file} is a filled template of {kind}, not a sync package. Import "
                            "it on the {kind} page: Template, then Import filled template…"
                        ).format(file=chosen.name, kind=_(model_of(kind).__plural__))
                    ) from exc
                log_refusal(db, chosen, exc)
                raise
            if prepared.preview.refused:
                error = PackageRefused(refusal_message(prepared.preview), prepared.preview.problems)
                log_refusal(db, chosen, error, prepared.preview)
                return CheckedPackage(prepared, 0)
            progress(1, 1, _("Looking for duplicates…"))
            return CheckedPackage(prepared, package_likely_present(db, prepared))

        self._run(_("Checking the package…"), work, self._on_prepared)

    def _on_prepared(self, checked: CheckedPackage) -> None:
        self._set_buttons(True)
        prepared = checked.prepared
        preview = prepared.preview
        if preview.refused:
            self._show(refusal_message(preview), error=True)
        self.preview_dialog = ImportPreviewDialog(preview, self, checked.possible_duplicates)
        self.preview_dialog.accepted.connect(lambda: self._on_preview_accepted(prepared))
        self.preview_dialog.rejected.connect(self._on_preview_rejected)
        self.preview_dialog.open()

    def _on_preview_rejected(self) -> None:
        assert self.preview_dialog is not None
        if not self.preview_dialog.preview.refused:
            self._show(_("Import cancelled; nothing was changed."))

    def _on_preview_accepted(self, prepared: PreparedImport) -> None:
        assert self.preview_dialog is not None
        trust = self.preview_dialog.trust()
        db = self.db

        def work(progress: ProgressCallback) -> ImportResult:
            return apply_import(db, prepared, trust=trust, progress=progress)

        self._run(_("Importing…"), work, self._on_imported)

    def _on_imported(self, result: ImportResult) -> None:
        self.last_result = result
        self._set_buttons(True)
        preview = result.preview
        self._show(
            _(
                "Imported the package from {sender}: {new} new and {updated} updated records. "
                "“Undo last import” puts back the backup taken just before."
            ).format(
                sender=_peer_text(preview.sender),
                new=format_number(sum(s.new for s in preview.sheets)),
                updated=format_number(sum(s.updated for s in preview.sheets)),
            )
        )
        self.changed.emit()

    # --- undo ---------------------------------------------------------------------

    def start_undo(self) -> None:
        """Ask, then restore the backup taken before the last import."""
        if self.busy():
            return
        try:
            plan = plan_undo(self.db)
        except AcecError as exc:
            self._show(exc.message, error=True)
            return
        text = _(
            "Undo the import of {file} from {peer}? The database goes back to how it was just "
            "before that import."
        ).format(file=Path(plan.entry.file_name).name, peer=_peer_text(plan.entry.peer))
        if plan.later_changes:
            text += " " + ngettext(
                "{n} change made here since then will be undone too.",
                "{n} changes made here since then will be undone too.",
                plan.later_changes,
            ).format(n=format_number(plan.later_changes))
        self.undo_box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Undo last import"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        self.undo_box.button(QMessageBox.StandardButton.Yes).setText(_("Undo import"))
        self.undo_box.button(QMessageBox.StandardButton.Cancel).setText(_("Cancel"))
        self.undo_box.accepted.connect(self._on_undo_confirmed)
        self.undo_box.open()

    def _on_undo_confirmed(self) -> None:
        db = self.db

        def work(progress: ProgressCallback) -> UndoResult:
            progress(0, 0, _("Restoring the backup…"))
            return undo_last_import(db)

        self._run(_("Undoing the last import…"), work, self._on_undone)

    def _on_undone(self, result: UndoResult) -> None:
        self.last_result = result
        self._set_buttons(True)
        text = _(
            "Undid the import of {file}. A copy of the state before undoing is kept in {safety}."
        ).format(file=Path(result.entry.file_name).name, safety=result.safety_backup)
        if result.asks_again:
            text += " " + _(
                "Your next package asks {peer} again for what the undo took: export and send "
                "it as usual, and the reply brings those records back."
            ).format(peer=_peer_text(result.entry.peer))
        self._show(text)
        self.changed.emit()

    # --- a package dropped on the page ---------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt)
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].toLocalFile().lower().endswith(".xlsx"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        urls = event.mimeData().urls()
        if urls:
            event.acceptProposedAction()
            self.start_import(Path(urls[0].toLocalFile()))
