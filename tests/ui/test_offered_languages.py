"""Every language box offers the languages that have a catalogue, and only those."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from app import i18n
from app.store import Database
from app.ui.records.workspace import Workspace
from app.ui.reports.reports_page import ReportsPage
from app.ui.settings.settings_page import SettingsPage
from app.ui.shell.wizard import FirstRunWizard
from tests.test_i18n import write_po
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def two_catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Only Portuguese and Vietnamese ship; Portuguese is on screen."""
    write_po(tmp_path, "pt", {"Activities": "Atividades"})
    write_po(tmp_path, "vi", {"Activities": "Hoạt động"})
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.set_locale("pt")
    yield
    i18n.set_locale("en")


def _offered(combo: QComboBox) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count())]


@pytest.mark.usefixtures("two_catalogues")
def test_reports_page(qtbot: QtBot, db: Database) -> None:
    page = ReportsPage(db)
    qtbot.addWidget(page)
    assert _offered(page.language) == ["en", "pt", "vi"]
    assert page.language.currentData() == "pt"  # the language on screen (pt_TL)
    assert page.language.currentText() == "português (Timor-Leste)"


@pytest.mark.usefixtures("two_catalogues")
def test_settings_page_and_first_run_wizard(qtbot: QtBot, db: Database) -> None:
    settings = SettingsPage(Workspace(db))
    qtbot.addWidget(settings)
    assert _offered(settings.language) == ["en", "pt", "vi"]
    assert settings.language.currentData() == "pt"
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    assert _offered(wizard.office.language) == ["en", "pt", "vi"]
