"""The import preview: what the package would change, per sheet, and every problem."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_number, ngettext
from app.models.codes import label_of
from app.services.incoming_duplicates import likely_present_note
from app.sync.preview import ImportPreview
from app.ui.wrapping_label import WrappingLabel

_COUNTS = ("new", "updated", "unchanged", "older", "not_imported")


class ImportPreviewDialog(QDialog):
    """Shows a preview; Import is offered only when the package can be imported.

    When the sender's key is new here, the officer must tick that the
    fingerprint was checked with the sender before Import is enabled.
    """

    def __init__(
        self, preview: ImportPreview, parent: QWidget | None = None, possible_duplicates: int = 0
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Import a sync package"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading())
        self.summary_label = WrappingLabel(self._summary())
        layout.addWidget(self.summary_label)
        self.table = self._counts_table()
        layout.addWidget(self.table, 2)
        self._add_problem_lists(layout)
        self._add_notes(layout)
        self.duplicates_label = WrappingLabel(likely_present_note(possible_duplicates))
        self.duplicates_label.setStyleSheet("QLabel { background: #fff4ce; padding: 6px; }")
        layout.addWidget(self.duplicates_label)
        self.duplicates_label.setVisible(possible_duplicates > 0 and not preview.refused)
        self.trust_check = QCheckBox()
        self.trust_check.hide()
        if preview.needs_confirmation and not preview.refused:
            self._add_trust_question(layout)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            _("Close") if preview.refused else _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.trust_check.toggled.connect(self._on_trust_toggled)
        layout.addWidget(self.buttons)
        if preview.refused:
            self.import_button.hide()
        self._on_trust_toggled(self.trust_check.isChecked())

    def _heading(self) -> QLabel:
        preview = self.preview
        head = QLabel(
            _("<b>{file}</b><br>From {sender} for {recipient}, made {created} UTC").format(
                file=preview.path.name,
                sender=label_of("site", preview.sender),
                recipient=label_of("site", preview.recipient)
                if preview.recipient != "ALL"
                else _("every country office"),
                created=preview.created.replace("T", " "),
            )
        )
        head.setTextFormat(Qt.TextFormat.RichText)
        return head

    def _counts_table(self) -> QTableWidget:
        """One row per sheet: new, updated, unchanged, older here, refused."""
        sheets = self.preview.sheets
        table = QTableWidget(len(sheets), 1 + len(_COUNTS))
        table.setHorizontalHeaderLabels(
            [_("Sheet"), _("New"), _("Updated"), _("Unchanged"), _("Older here"), _("Refused")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row, sheet in enumerate(sheets):
            table.setItem(row, 0, QTableWidgetItem(sheet.title))
            for col, name in enumerate(_COUNTS, start=1):
                item = QTableWidgetItem(format_number(getattr(sheet, name)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 1 + len(_COUNTS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _add_problem_lists(self, layout: QVBoxLayout) -> None:
        """The problems found, and the records held back while the rest imports."""
        preview = self.preview
        self.problem_list = QListWidget()
        for problem in preview.problems:
            self.problem_list.addItem(str(problem))
        if preview.problem_count > len(preview.problems):
            self.problem_list.addItem(
                _("… and {n} more problems").format(
                    n=format_number(preview.problem_count - len(preview.problems))
                )
            )
        if preview.problems:
            layout.addWidget(QLabel(_("Problems (sheet, row, column):")))
            layout.addWidget(self.problem_list, 3)
        else:
            self.problem_list.hide()
        self.withheld_list = QListWidget()
        for held in preview.withheld:
            self.withheld_list.addItem(str(held))
        if preview.withheld:
            layout.addWidget(QLabel(_("Not imported, the rest will be (sheet, row):")))
            layout.addWidget(self.withheld_list, 2)
        else:
            self.withheld_list.hide()

    def _add_notes(self, layout: QVBoxLayout) -> None:
        self.warnings = WrappingLabel("\n".join(self.preview.warnings))
        if self.preview.warnings:
            layout.addWidget(self.warnings)
        self.file_note = WrappingLabel(self.preview.file_note)
        if self.preview.file_note:
            layout.addWidget(self.file_note)

    def _add_trust_question(self, layout: QVBoxLayout) -> None:
        """A new sender's key: its fingerprint, and the tick that it was checked by telephone."""
        preview = self.preview
        assert preview.key is not None
        note = WrappingLabel(
            _(
                "This is the first package from {sender}. Its key fingerprint is "
                "<b>{fingerprint}</b>. Ask {sender} to read you their fingerprint "
                "(by telephone, not by e-mail) and import only if it is the same."
            ).format(sender=label_of("site", preview.sender), fingerprint=preview.key.fingerprint)
        )
        note.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(note)
        self.trust_check.setText(_("I have checked this fingerprint with the sender"))
        self.trust_check.show()
        layout.addWidget(self.trust_check)

    def _summary(self) -> str:
        p = self.preview
        if p.refused:
            return ngettext(
                "The package is refused because of {n} problem; importing it would change nothing.",
                "The package is refused because of {n} problems; importing it would change nothing.",
                p.problem_count,
            ).format(n=format_number(p.problem_count))
        new = sum(s.new for s in p.sheets)
        updated = sum(s.updated for s in p.sheets)
        if not new and not updated:
            return _("Nothing new: this office already holds everything in the package.")
        return _(
            "Importing adds {new} records and updates {updated}. The database is backed up "
            "first; “Undo last import” on the Sync page puts it back."
        ).format(new=format_number(new), updated=format_number(updated))

    def trust(self) -> str | None:
        """The fingerprint the officer confirmed, if confirmation was asked for."""
        if self.trust_check.isChecked() and self.preview.key is not None:
            return self.preview.key.fingerprint
        return None

    def _on_trust_toggled(self, checked: bool) -> None:
        needs = self.preview.needs_confirmation
        self.import_button.setEnabled(not self.preview.refused and (checked or not needs))
