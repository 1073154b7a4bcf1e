"""The window's messages for a full disk, an unexpected database error, a replaced key."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import IntegrityError, OperationalError

from app.logging_setup import log_path
from app.store import open_database
from app.store.site_keys import key_path
from app.ui.shell.error_hook import report_unexpected
from app.ui.shell.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _full_disk_error(path: Path) -> OperationalError:
    """SQLite's own SQLITE_FULL, through a plain engine (no translation of ours)."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA max_page_count=2"))
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE person (name TEXT)"))
            with pytest.raises(OperationalError) as caught:
                for i in range(2000):
                    conn.execute(text("INSERT INTO person VALUES (:n)"), {"n": f"Nguyen {i}"})
        return caught.value
    finally:
        engine.dispose()


def _log_size() -> int:
    return log_path().stat().st_size if log_path().exists() else 0


def test_a_full_disk_dialog_says_what_to_do_and_shows_no_sql(qtbot, tmp_path: Path) -> None:
    error = _full_disk_error(tmp_path / "x.sqlite")
    assert "INSERT" in str(error)  # what the dialog used to show
    logged = _log_size()
    box = report_unexpected(error)
    assert box is not None
    qtbot.addWidget(box)
    shown = box.text() + box.informativeText()
    assert "is full" in shown and "Free some space" in shown
    assert "INSERT" not in shown and "Nguyen" not in shown and "Unexpected" not in box.windowTitle()
    assert _log_size() == logged  # a full disk is no bug to log


def test_an_unexpected_database_error_shows_no_sql_or_values(qtbot, tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'y.sqlite'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)"))
        conn.execute(text("INSERT INTO person VALUES (1, 'Somchai')"))
    with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
        conn.execute(text("INSERT INTO person VALUES (:id, :name)"), {"id": 1, "name": "Somchai"})
    engine.dispose()
    box = report_unexpected(caught.value)
    assert box is not None
    qtbot.addWidget(box)
    shown = box.text() + box.informativeText()
    assert "UNIQUE constraint failed" in shown
    assert "INSERT" not in shown and "Somchai" not in shown


def test_the_window_says_the_key_was_replaced(qtbot, db) -> None:
    path = db.path
    db.close()
    key_path(path).unlink()
    reopened = open_database(path)
    try:
        window = MainWindow(reopened)
        qtbot.addWidget(window)
        window.show()
        box = window.notice_box
        assert box.isVisible() and str(key_path(path)) in box.text()
        assert "secretariat" in box.text()
    finally:
        reopened.close()


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs Linux's /sys, refused even to root")
def test_an_export_into_a_refused_folder_says_so_on_the_sync_page(qtbot, db) -> None:
    from app.ui.sync.sync_page import SyncPage

    page = SyncPage(db)
    qtbot.addWidget(page)
    page.show()
    page.start_export()
    dialog = page.export_dialog
    assert dialog is not None
    dialog.path_edit.setText("/sys/to-sec")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "permission" in page.status_label.text(), timeout=15000)
    shown = page.status_label.text()
    assert "/sys/to-sec.xlsx" in shown and "Unexpected" not in shown and "Errno" not in shown
