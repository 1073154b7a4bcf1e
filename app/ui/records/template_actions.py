"""A list page's templates: download a blank one, import a filled one (button or drop)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import AcecError, short_description
from app.i18n import _, format_number
from app.models import model_of
from app.services.template_export import TemplateWritten, write_template_file
from app.services.template_import import (
    ColumnMapping,
    PreparedTemplate,
    TemplateImportResult,
    apply_template_import,
    prepare_template_import,
)
from app.ui.background import BackgroundTask, ProgressCallback
from app.ui.records.template_preview_dialog import TemplatePreviewDialog
from app.ui.records.workspace import Workspace

# The record kinds a template exists for.
TEMPLATE_KINDS = ("person", "activity", "green_envoy", "funding")
_KIND_NAMES = {
    "person": "people",
    "activity": "activities",
    "green_envoy": "envoys",
    "funding": "funding",
}


class TemplateActions(QObject):
    """Downloading and importing templates of one kind, for the page ``parent``."""

    said = Signal(str)  # what happened, for the status bar
    imported = Signal(object)  # the TemplateImportResult once applied

    def __init__(self, workspace: Workspace, kind: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.ws, self.kind, self.page = workspace, kind, parent
        self.preview_dialog: TemplatePreviewDialog | None = None
        self._task: BackgroundTask | None = None
        self.error_box: QMessageBox | None = None

    def _run(
        self, title: str, work: Callable[[ProgressCallback], Any], on_done: Callable[[Any], None]
    ) -> None:
        task = BackgroundTask(self.page, title, work)
        task.done.connect(on_done)
        task.error.connect(self._on_error)
        task.cancelled.connect(lambda: self.said.emit(_("Cancelled; nothing was changed.")))
        self._task = task
        task.start()

    def _on_error(self, exc: BaseException) -> None:
        """Tell why, in a box that waits for no one (the refusal names what to do)."""
        message = exc.message if isinstance(exc, AcecError) else short_description(exc)
        self.error_box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Template"),
            message,
            QMessageBox.StandardButton.Ok,
            self.page,
        )
        self.error_box.open()
        self.said.emit(message)

    # --- download -------------------------------------------------------------------

    def download(self, activity_uid: str | None = None) -> None:
        """Ask where, then write a blank template (an activity's registration list if given)."""
        name = _("{kind} template").format(kind=_(model_of(self.kind).__plural__))
        path, _filter = QFileDialog.getSaveFileName(
            self.page, _("Download template"), f"{name}.xlsx", _("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        target = Path(path).with_suffix(".xlsx")
        db, kind = self.ws.db, _KIND_NAMES[self.kind]

        def work(progress: ProgressCallback) -> TemplateWritten:
            return write_template_file(db, kind, target, activity_uid=activity_uid)

        self._run(_("Writing the template…"), work, self._on_written)

    def _on_written(self, written: TemplateWritten) -> None:
        self.said.emit(
            _("Template saved to {file}. Fill it in, then import it here.").format(
                file=written.path
            )
        )

    # --- import ---------------------------------------------------------------------

    def start_import(self, path: Path | None = None, mapping: ColumnMapping | None = None) -> None:
        """Read and check a filled template (asking for it when ``path`` is None), then preview."""
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self.page, _("Choose a filled template"), "", _("Excel workbook (*.xlsx)")
            )
            if not name:
                return
            path = Path(name)
        db, chosen = self.ws.db, Path(path)

        kind = self.kind

        def work(progress: ProgressCallback) -> PreparedTemplate:
            return prepare_template_import(
                db, chosen, kind=kind, mapping=mapping, progress=progress
            )

        self._run(_("Checking the workbook…"), work, self._on_prepared)

    def _on_prepared(self, prepared: PreparedTemplate) -> None:
        self.preview_dialog = TemplatePreviewDialog(
            prepared.preview, prepared.path, self.page, prepared.mapping
        )
        self.preview_dialog.accepted.connect(lambda: self._on_preview_accepted(prepared))
        self.preview_dialog.remapped.connect(
            lambda mapping: self.start_import(prepared.path, mapping)
        )
        self.preview_dialog.open()

    def _on_preview_accepted(self, prepared: PreparedTemplate) -> None:
        db = self.ws.db

        def work(progress: ProgressCallback) -> TemplateImportResult:
            return apply_template_import(db, prepared, progress)

        self._run(_("Importing…"), work, self._on_imported)

    def _on_imported(self, result: TemplateImportResult) -> None:
        preview = result.preview
        self.said.emit(
            _("Imported {file}: {new} new and {updated} updated. The backup is {backup}.").format(
                file=preview.file,
                new=format_number(preview.count("new")),
                updated=format_number(preview.count("updated")),
                backup=result.backup,
            )
        )
        for kind in (preview.kind, "participation"):
            self.ws.changed.emit(kind)
        self.imported.emit(result)
