"""Fixtures for the desktop tests: settings in a temporary folder, records of other offices."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from app.models import model_of
from app.models.search_fold import SEARCH_COLUMN, record_search_text, search_fields
from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.store import Database

# The offscreen platform warns whenever a top-level window's size hints change.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def temp_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """QSettings written to an .ini file under tmp_path, never the user's own."""
    folder = tmp_path / "settings"
    qapp.setOrganizationName("ACEC-test")
    qapp.setApplicationName("ACEC Tracker test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    yield folder
    QSettings().clear()


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A static message box would wait for a click forever; fail the test instead."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def box(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError(f"unexpected QMessageBox.{name}: {args[1:3]}")

        return box

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse(name))


def insert_foreign(db: Database, kind: str, owner: str, **values: Any) -> str:
    """Store a record owned by another office, as an imported package would."""
    uid = str(uuid.uuid4())
    with db.session() as session:
        session.execute(
            insert(model_of(kind)),
            [
                {
                    "uid": uid,
                    "owner": owner,
                    "version": "1300000000000.000001." + owner,
                    "deleted": False,
                    # What an import stores beside the fields (see app.sync.merge).
                    **_search_text(kind, values),
                }
                | values
            ],
        )
    return uid


def _search_text(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    model = model_of(kind)
    return {SEARCH_COLUMN: record_search_text(model, values)} if search_fields(model) else {}


def training(
    db: Database, title: str = "EIA training for provincial officers", **extra: Any
) -> str:
    """Create a training activity owned by this office; return its id."""
    values = {
        "item_uid": plan_item_uid("2.5"),
        "title": title,
        "type": "training",
        "status": "completed",
        "start_date": "2012-03-05",
        "host_country": "VN",
    } | extra
    return create_record(db, "activity", values).uid


def person(db: Database, name: str, country: str = "VN") -> str:
    """Create a person owned by this office; return its id."""
    return create_record(db, "person", {"name": name, "country": country}).uid
