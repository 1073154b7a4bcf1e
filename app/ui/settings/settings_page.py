"""Settings: language, backups kept, where the files are, and the least developed members."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError
from app.i18n import _, available_locales, current_locale, language_name, normalise_locale
from app.models.codes import COUNTRY_CODES, SECRETARIAT, label_of
from app.services.certificates import office_pattern, set_certificate_pattern
from app.services.data_files import DataFiles, data_files
from app.services.office_status import BACKUPS_KEPT, backups_kept, set_setting
from app.services.records import list_records
from app.ui.background import call_on_worker
from app.ui.collation import collated
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel

LANGUAGE_KEY = "language"


class SettingsPage(QWidget):
    """Settings of this computer (language) and of this database."""

    language_chosen = Signal(str)  # the locale the user picked; the window follows it
    move_requested = Signal(object)  # the folder (a Path) to move the database into

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.language = QComboBox(self)
        for ident in available_locales():
            self.language.addItem(language_name(ident), ident)
        # The language on screen (``--lang`` may differ from the saved choice).
        live = normalise_locale(str(current_locale()))
        idents = [self.language.itemData(i) for i in range(self.language.count())]
        self._language_in_use = next((i for i in idents if normalise_locale(i) == live), "en")
        self._saved_language = QSettings().value(LANGUAGE_KEY)
        self.language.setCurrentIndex(max(0, self.language.findData(self._language_in_use)))
        self.language.currentIndexChanged.connect(self._on_language)
        self.backups = QSpinBox(self)
        self.backups.setRange(1, 100)
        self.backups.setValue(backups_kept(workspace.db))
        self.backups.valueChanged.connect(self._on_backups)
        self.backups.setMaximumWidth(90)
        self.language.setMaximumWidth(320)
        general = QGroupBox(_("General"), self)
        form = QFormLayout(general)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Backups kept:"), self.backups)
        form.addRow("", QLabel(_("A backup is taken before every import and every upgrade."), self))
        self.certificate_pattern = QLineEdit(office_pattern(workspace.db), self)
        self.certificate_pattern.setMaximumWidth(320)
        self.certificate_pattern.editingFinished.connect(self._on_certificate_pattern)
        form.addRow(_("&Certificate numbers:"), self.certificate_pattern)
        form.addRow(
            "",
            QLabel(
                _(
                    "{office} is this office's code, {year} the year of issue, {n:04} the "
                    "number in that year with four digits."
                ),
                self,
            ),
        )

        self.ldc_group = QGroupBox(_("Least-developed members (training priority, item 2.5)"), self)
        grid = QGridLayout(self.ldc_group)
        self.ldc_boxes: dict[str, QCheckBox] = {}
        countries = collated(COUNTRY_CODES, key=lambda c: label_of("country", c))
        for i, code in enumerate(c for c in countries if c != "CN"):
            box = QCheckBox(label_of("country", code), self.ldc_group)
            box.toggled.connect(lambda checked, c=code: self._on_ldc(c, checked))
            self.ldc_boxes[code] = box
            grid.addWidget(box, i // 4, i % 4)
        editable = workspace.site == SECRETARIAT
        self.ldc_note = QLabel(
            _("Kept by the joint secretariat; it reaches this office with the sync packages.")
            if not editable
            else _("Changes reach every office with the next sync packages."),
            self.ldc_group,
        )
        grid.addWidget(self.ldc_note, 3, 0, 1, 4)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(general)
        layout.addWidget(self._files_group(data_files(workspace.db.path)))
        layout.addWidget(self.ldc_group)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._load_ldc()
        for box in self.ldc_boxes.values():
            box.setEnabled(editable)

    def _files_group(self, files: DataFiles) -> QGroupBox:
        """The four places, each selectable and with a button that opens its folder."""
        self.files = files
        group = QGroupBox(_("Where your data lives"), self)
        form = QFormLayout(group)
        self.path_fields: dict[str, QLineEdit] = {}
        self.folder_buttons: dict[str, QPushButton] = {}
        rows = (
            ("database", _("Database:"), files.database),
            ("backups", _("Backups:"), files.backups),
            ("error_log", _("Error log:"), files.error_log),
            ("key_file", _("Key file (secret):"), files.key_file),
        )
        for key, label, path in rows:
            field = QLineEdit(str(path), group)
            field.setReadOnly(True)  # selectable and copyable, not editable
            field.setCursorPosition(0)
            button = QPushButton(_("Open folder"), group)
            folder = files.folder_of(path)
            button.setEnabled(folder.is_dir())  # no backups folder before the first backup
            button.clicked.connect(lambda _checked=False, f=folder: self.open_folder(f))
            row = QHBoxLayout()
            row.addWidget(field, 1)
            row.addWidget(button)
            form.addRow(label, row)
            self.path_fields[key] = field
            self.folder_buttons[key] = button
        self.move_button = QPushButton(_("Move database…"), group)
        self.move_button.clicked.connect(self._on_move)
        move_row = QHBoxLayout()
        move_row.addWidget(self.move_button)
        move_row.addStretch(1)
        form.addRow("", move_row)
        note = WrappingLabel(
            _(
                "The database moves with its key file and its backups. Keep the key file "
                "secret: whoever has it can sign packages as this office."
            ),
            group,
        )
        form.addRow("", note)
        return group

    def open_folder(self, folder: Path) -> bool:
        """Show ``folder`` in the system's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _on_move(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Move the database to which folder?"), str(self.files.database.parent)
        )
        if folder:
            self.request_move(Path(folder))

    def request_move(self, folder: Path) -> None:
        """Ask the window to move the database into ``folder``."""
        self.move_requested.emit(folder)

    def _load_ldc(self) -> None:
        members = {r["country"] for r in list_records(self.ws.db, "least_developed_member")}
        for code, box in self.ldc_boxes.items():
            box.blockSignals(True)
            box.setChecked(code in members)
            box.blockSignals(False)

    def _on_language(self) -> None:
        ident = self.language.currentData()
        QSettings().setValue(LANGUAGE_KEY, ident)
        self.language_chosen.emit(ident)

    def revert_language(self) -> None:
        """Show and keep the language in use again (the change was not made)."""
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(self._language_in_use)))
        self.language.blockSignals(False)
        if self._saved_language is None:
            QSettings().remove(LANGUAGE_KEY)
        else:
            QSettings().setValue(LANGUAGE_KEY, self._saved_language)

    def _on_backups(self, value: int) -> None:
        db = self.ws.db
        call_on_worker(lambda: set_setting(db, BACKUPS_KEPT, str(value)))

    def _on_certificate_pattern(self) -> None:
        try:
            db, pattern = self.ws.db, self.certificate_pattern.text().strip()
            call_on_worker(lambda: set_certificate_pattern(db, pattern))
        except AcecError as exc:
            self.error.setText(exc.message)
            return
        self.error.clear()

    def _on_ldc(self, code: str, checked: bool) -> None:
        try:
            rows = list_records(self.ws.db, "least_developed_member", country=code)
            if checked and not rows:
                self.ws.create("least_developed_member", {"country": code})
            elif not checked:
                for row in rows:
                    self.ws.delete("least_developed_member", row.uid)
        except AcecError as exc:
            self.error.setText(exc.message)
        self._load_ldc()
