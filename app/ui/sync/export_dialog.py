"""The Export dialog: for whom, everything or only what is new to them, and where."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models.codes import ALL, COUNTRY_CODES, SECRETARIAT, label_of
from app.ui.wrapping_label import WrappingLabel


def default_folder() -> Path:
    """Where packages are saved unless the officer chooses: Documents, else home."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class ExportDialog(QDialog):
    """Ask for the recipient, --full and the file name; ``chosen()`` gives the answer."""

    def __init__(self, site: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.setWindowTitle(_("Export a sync package"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = WrappingLabel(
            _(
                "A package is an Excel file with the records the other office has not yet "
                "received. Send it by e-mail or on a USB stick; they import it in ACEC Tracker."
            )
        )
        layout.addWidget(intro)
        form = QFormLayout()
        self.recipient_combo = QComboBox()
        if site == SECRETARIAT:
            for code in COUNTRY_CODES:
                self.recipient_combo.addItem(f"{label_of('site', code)} ({code})", code)
            self.recipient_combo.addItem(_("Every country office (ALL, every record)"), ALL)
        else:
            self.recipient_combo.addItem(
                f"{label_of('site', SECRETARIAT)} ({SECRETARIAT})", SECRETARIAT
            )
            self.recipient_combo.setEnabled(False)
        form.addRow(_("For:"), self.recipient_combo)
        self.full_check = QCheckBox(_("Every record, not only what is new to them"))
        form.addRow("", self.full_check)
        self.path_edit = QLineEdit()
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(_("Save as:"), row)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.recipient_combo.currentIndexChanged.connect(self._on_recipient_changed)
        self.path_edit.textChanged.connect(self._on_path_changed)
        self._on_recipient_changed()

    def _suggested_name(self) -> str:
        stamp = dt.date.today().strftime("%Y-%m-%d")
        return f"acec-{self.site}-to-{self.recipient()}-{stamp}.xlsx"

    def recipient(self) -> str:
        return str(self.recipient_combo.currentData())

    def chosen(self) -> tuple[str, bool, Path]:
        """(recipient, full, file) as chosen."""
        path = Path(self.path_edit.text().strip())
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        return self.recipient(), self.full_check.isChecked(), path

    def _on_recipient_changed(self) -> None:
        all_records = self.recipient() == ALL
        self.full_check.setChecked(all_records or self.full_check.isChecked())
        self.full_check.setEnabled(not all_records)
        current = self.path_edit.text().strip()
        if not current or Path(current).name.startswith(f"acec-{self.site}-to-"):
            folder = Path(current).parent if current else default_folder()
            self.path_edit.setText(str(folder / self._suggested_name()))

    def _on_path_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    def _on_browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the package as"), self.path_edit.text(), _("Excel workbook (*.xlsx)")
        )
        if name:
            self.path_edit.setText(name)
