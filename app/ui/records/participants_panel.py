"""The Participants tab of an activity's form: who took part, in what role, who completed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError, short_description
from app.i18n import _, ngettext
from app.logging_setup import log_unexpected
from app.models.codes import codes_of, label_of
from app.reports.certificates import CertificateBatch, certificate_batch
from app.reports.render_certificates import write_certificates_pdf
from app.services.certificates import issued_text
from app.services.related import activity_participants
from app.ui.background import BackgroundTask
from app.ui.records.certificates_dialog import IssueCertificatesDialog
from app.ui.records.pick_dialog import PickDialog, RecordDialog
from app.ui.records.related_models import ParticipantTableModel
from app.ui.records.related_panel import RelatedPanel
from app.ui.records.template_actions import TemplateActions
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel


class ParticipantsPanel(RelatedPanel):
    """Who took part in an activity; add people from a list or create them in place.

    Tick "Completed" in the table (mouse or Space) for one person, or select
    several and press "Mark completed".
    """

    watched = frozenset({"participation", "person"})
    row_kind = "participation"  # Enter, F2 or a double-click changes a row in place
    row_hidden = ("activity_uid",)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, ParticipantTableModel(workspace), parent)
        self.role = QComboBox(self)
        for code in codes_of("participation_role"):
            self.role.addItem(label_of("participation_role", code), code)
        role_label = QLabel(_("&Add as:"), self)
        role_label.setBuddy(self.role)
        self.add = QPushButton(_("Add &people…"), self)
        self.add.clicked.connect(self._on_add)
        self.new = QPushButton(_("New pe&rson…"), self)
        self.new.clicked.connect(self._on_new)
        self.complete = QPushButton(_("Mark &completed"), self)
        self.complete.clicked.connect(self._on_complete)
        self.remove = QPushButton(_("Remo&ve"), self)
        self.remove.clicked.connect(self._on_remove)
        self.issue = QPushButton(_("&Issue certificates…"), self)
        self.issue.clicked.connect(self._on_issue)
        self.print_button = QPushButton(_("Print cer&tificates…"), self)
        self.print_button.clicked.connect(self._on_print)
        self.status = WrappingLabel(self)
        self.status.hide()
        self._task: BackgroundTask | None = None
        self.registration = self._registration_button()
        bar = QHBoxLayout()
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.complete)
        bar.addWidget(self.remove)
        bar.addWidget(self.issue)
        bar.addWidget(self.print_button)
        adding = QHBoxLayout()
        for w in (role_label, self.role, self.add, self.new, self.registration):
            adding.addWidget(w)
        adding.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(adding)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.table)

    def _registration_button(self) -> QPushButton:
        """A registration list in Excel: a people template naming this activity, and its import."""
        self.templates = TemplateActions(self.ws, "person", self)
        self.templates.said.connect(self._say)
        self.templates.imported.connect(lambda _result: self.reload())
        button = QPushButton(_("Re&gistration list"), self)
        button.setToolTip(
            _("Let people register in Excel: a list to fill in for this activity, then import it")
        )
        menu = QMenu(button)
        self.download_list_action = menu.addAction(_("Download registration list…"))
        self.download_list_action.triggered.connect(lambda: self._on_download_list())
        self.import_list_action = menu.addAction(_("Import filled registration list…"))
        self.import_list_action.triggered.connect(lambda: self.templates.start_import())
        button.setMenu(menu)
        return button

    def _on_download_list(self) -> None:
        if self.owner_uid is not None:
            self.templates.download(activity_uid=self.owner_uid)

    def count_text(self, n: int) -> str:
        return ngettext("{n} person", "{n} people", n).format(n=n)

    def controls(self) -> tuple[QWidget, ...]:
        return (self.add, self.new, self.complete, self.remove, self.role)

    def show_activity(self, activity_uid: str | None, editable: bool) -> None:
        """List the participants of an activity (None: nothing yet)."""
        self.show_for(activity_uid, editable)
        self.status.hide()
        # Issuing numbers this office's own trainees, which it may record even on an
        # activity another office keeps; printing needs only numbers, anyone's.
        self.issue.setEnabled(activity_uid is not None)
        self.print_button.setEnabled(activity_uid is not None)
        self.registration.setEnabled(activity_uid is not None)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def add_people(self, person_uids: list[str]) -> None:
        """Add these people to the activity with the chosen role (one undo step each)."""
        assert self.owner_uid
        present = {r.person_uid for r in activity_participants(self.ws.db, self.owner_uid)}
        failure = None
        try:
            for uid in person_uids:
                if uid in present:
                    continue
                self.ws.create(
                    "participation",
                    {
                        "activity_uid": self.owner_uid,
                        "person_uid": uid,
                        "role": self.role.currentData(),
                    },
                )
        except AcecError as exc:
            failure = exc.message
        self.reload()
        if failure:
            self._fail(failure)

    def _on_add(self) -> None:
        dialog = PickDialog(self.ws, "person", self, multi=True)
        if dialog.exec() and dialog.chosen:
            self.add_people(dialog.chosen)

    def _on_new(self) -> None:
        dialog = RecordDialog(self.ws, "person", self, preset={})
        if dialog.exec() and dialog.saved_uid:
            self.add_people([dialog.saved_uid])

    def _on_complete(self) -> None:
        self._change_selected(lambda uid: self.ws.update("participation", uid, {"completed": True}))

    def _on_remove(self) -> None:
        self._change_selected(lambda uid: self.ws.delete("participation", uid))

    def _on_issue(self) -> None:
        if self.owner_uid is None:
            return
        dialog = IssueCertificatesDialog(self.ws, self.owner_uid, self)
        if dialog.exec() and dialog.issued is not None:
            self.reload()
            self._say(
                _("Issued: {summary} Print certificates… saves them as a PDF.").format(
                    summary=issued_text(dialog.issued)
                )
            )

    def _on_print(self) -> None:
        if self.owner_uid is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the certificates as PDF"),
            str(Path.home() / _("certificates.pdf")),
            _("PDF (*.pdf)"),
        )
        if path:
            self.print_certificates(path)

    def print_certificates(self, path: str | Path, language: str | None = None) -> None:
        """Collect the numbered certificates off the UI thread, then write them to ``path``."""
        if self.owner_uid is None or (self._task is not None and self._task.running):
            return
        db, activity = self.ws.db, self.owner_uid
        self.print_button.setEnabled(False)
        self._say(_("Preparing the certificates…"))
        task = BackgroundTask(
            self,
            _("Preparing the certificates…"),
            lambda progress: certificate_batch(db, activity),
            cancellable=False,
        )
        task.done.connect(lambda batch: self._write(batch, Path(path), language))
        task.error.connect(self._print_failed)
        self._task = task
        task.start()

    def _write(self, batch: CertificateBatch, path: Path, language: str | None) -> None:
        try:
            pages = write_certificates_pdf(batch, path, language)
        except Exception as exc:  # shown on the panel, never a traceback
            self._print_failed(exc)
            return
        self.print_button.setEnabled(True)
        self._say(
            ngettext(
                "Saved {file} ({n} certificate).", "Saved {file} ({n} certificates).", pages
            ).format(file=path, n=pages)
        )

    def _print_failed(self, exc: Any) -> None:
        self.print_button.setEnabled(True)
        self.status.hide()
        if isinstance(exc, AcecError):
            self._fail(exc.message)
            return
        log = log_unexpected(exc) if isinstance(exc, BaseException) else ""
        self._fail(
            _("The certificates could not be made: {error}. Details were written to {log}.").format(
                error=short_description(exc) if isinstance(exc, BaseException) else exc, log=log
            )
        )
