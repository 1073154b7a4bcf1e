""" "Issue certificates…": confirm how many numbers an activity's trainees get, and their date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError
from app.i18n import _, ngettext
from app.models import fields_of
from app.services.certificates import IssuePlan, issued_text, plan_issue
from app.ui.records.fields import DateField
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel


class IssueCertificatesDialog(QDialog):
    """Shows what issuing would do for the chosen date; "Issue" numbers them in one step."""

    def __init__(self, ws: Workspace, activity_uid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.activity_uid = ws, activity_uid
        self.issued: IssuePlan | None = None
        self.setWindowTitle(_("Issue certificates"))
        spec = next(s for s in fields_of("participation") if s.name == "certificate_date")
        self.date = DateField(spec, self)
        self.date.set_value(dt.date.today())
        self.date.edited.connect(self.refresh)
        self.pattern = QLabel(self)
        self.summary = WrappingLabel(self)
        self.notes = WrappingLabel(self)
        self.error = WrappingLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        form = QFormLayout()
        form.addRow(_("&Date of issue:"), self.date)
        form.addRow(_("Pattern:"), self.pattern)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.issue_button = self.buttons.addButton(
            _("&Issue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._on_issue)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = WrappingLabel(
            _(
                "Every completed trainee of this activity that has no certificate number yet "
                "gets the next number of this office, dated as below. Edit › Undo takes them "
                "all back."
            ),
            self,
        )
        layout.addWidget(intro)
        layout.addLayout(form)
        for label in (self.summary, self.notes, self.error):
            layout.addWidget(label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.refresh()

    def chosen_date(self) -> dt.date | None:
        """The date typed or picked, or None when it is not a date."""
        try:
            return dt.date.fromisoformat(str(self.date.value()).strip())
        except ValueError:
            return None

    def refresh(self) -> None:
        """Show what issuing on the chosen date would do (reads only)."""
        self.error.hide()
        on = self.chosen_date()
        if on is None:
            self._refuse(_("Type the date of issue as YYYY-MM-DD, e.g. 2012-03-06."))
            return
        try:
            plan = plan_issue(self.ws.db, self.activity_uid, on)
        except AcecError as exc:
            self._refuse(exc.message)
            return
        self.pattern.setText(plan.pattern)
        self.summary.setText(issued_text(plan))
        notes = []
        if plan.already_numbered:
            notes.append(
                ngettext(
                    "{n} trainee already has a number and keeps it.",
                    "{n} trainees already have a number and keep it.",
                    plan.already_numbered,
                ).format(n=plan.already_numbered)
            )
        if plan.other_office:
            notes.append(
                ngettext(
                    "{n} trainee was recorded by another office, which numbers it.",
                    "{n} trainees were recorded by another office, which numbers them.",
                    plan.other_office,
                ).format(n=plan.other_office)
            )
        self.notes.setText(" ".join(notes))
        self.notes.setVisible(bool(notes))
        self.issue_button.setEnabled(bool(plan.numbers))

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.issue_button.setEnabled(False)

    def _on_issue(self) -> None:
        on = self.chosen_date()
        if on is None:
            return
        try:
            self.issued = self.ws.issue_certificates(self.activity_uid, on)
        except AcecError as exc:
            self._refuse(exc.message)
            return
        self.accept()
