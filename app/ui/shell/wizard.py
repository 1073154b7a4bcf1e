"""The first-run wizard: which office this is, its name, the language, or a demo."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.i18n import _, available_locales, language_name
from app.models.codes import COUNTRY_CODES, SECRETARIAT, default_office_name, label_of
from app.ui.collation import collated
from app.ui.wrapping_label import WrappingLabel


@dataclass(frozen=True)
class SetupChoice:
    """What the user chose in the wizard."""

    demo: bool
    site: str
    office_name: str | None
    language: str


class _WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Welcome to ACEC Tracker"))
        self.setSubTitle(
            _(
                "This program keeps your office's records of the China–ASEAN Environmental "
                "Cooperation Action Plan: activities, trainees, green envoys and funding."
            )
        )
        self.own_office = QRadioButton(_("&Set up the database of my office"), self)
        self.demo = QRadioButton(
            _("&Try a demonstration database (invented records, clearly marked as demo)"), self
        )
        self.own_office.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.own_office)
        group.addButton(self.demo)
        note = WrappingLabel(
            _("You can set up your real database later; the demonstration is kept apart."), self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.own_office)
        layout.addWidget(self.demo)
        layout.addSpacing(12)
        layout.addWidget(note)
        layout.addStretch(1)


class _OfficePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Your office"))
        self.setSubTitle(
            _("Choose once: every record this database creates will belong to this office.")
        )
        self.site = QComboBox(self)
        for code in collated(COUNTRY_CODES, key=lambda c: label_of("country", c)):
            self.site.addItem(default_office_name(code), code)
        self.site.addItem(default_office_name(SECRETARIAT), SECRETARIAT)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("e.g. Ministry of Natural Resources and Environment"))
        self.language = QComboBox(self)
        for ident in available_locales():
            self.language.addItem(language_name(ident), ident)
        self.preselect_for_locale(QLocale.system().name())
        form = QFormLayout(self)
        form.addRow(_("&Office:"), self.site)
        form.addRow(_("Office &name:"), self.name)
        form.addRow(_("&Language:"), self.language)

    def preselect_for_locale(self, name: str) -> None:
        """Start on the office and language of a locale (the computer's: ``vi_VN``, ``zh_CN``)."""
        language, _sep, territory = name.partition("_")
        site_index = self.site.findData(territory.upper())
        if site_index >= 0:
            self.site.setCurrentIndex(site_index)
        for i in range(self.language.count()):
            if str(self.language.itemData(i)).split("_")[0] == language:
                self.language.setCurrentIndex(i)
                break


class FirstRunWizard(QWizard):
    """Asks what is needed to create the first database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("ACEC Tracker — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.welcome = _WelcomePage(self)
        self.office = _OfficePage(self)
        self.addPage(self.welcome)
        self.addPage(self.office)
        self.resize(640, 440)

    def choice(self) -> SetupChoice:
        """The choices made so far."""
        return SetupChoice(
            demo=self.welcome.demo.isChecked(),
            site=self.office.site.currentData(),
            office_name=self.office.name.text().strip() or None,
            language=self.office.language.currentData(),
        )
