"""Settings shows where the files are; File › Open database… and Open recent; moving the database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from app.locations import default_database_path
from app.services.office import init_office
from app.services.records import list_records
from app.store import Database, list_backups
from app.store.site_keys import key_path
from app.ui.background import wait_for_worker
from app.ui.shell.main_window import MainWindow
from app.ui.shell.recent_databases import MAX_RECENT, note_recent, recent_databases
from tests.ui.conftest import OFFSCREEN_NOISE, person

pytestmark = OFFSCREEN_NOISE


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The remembered default database stays in this test's data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


class _FileManager(QObject):
    """Stands in for the system's file manager: Qt hands it the file URLs it is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[Path] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()))


@pytest.fixture
def file_manager() -> _FileManager:
    manager = _FileManager()
    QDesktopServices.setUrlHandler("file", manager, "show")
    yield manager
    QDesktopServices.unsetUrlHandler("file")


def _window(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def _wait_for(qtbot, window: MainWindow, path: Path) -> None:
    qtbot.waitUntil(lambda: window.is_ready and window.db.path == path.resolve(), timeout=20000)


def test_settings_shows_the_four_places_and_opens_their_folders(
    qtbot, db, file_manager, tmp_path
) -> None:
    db.backup("manual")
    window = _window(qtbot, db)
    page = window.show_page("settings")
    fields = {key: field.text() for key, field in page.path_fields.items()}
    assert fields == {
        "database": str(db.path),
        "backups": str(db.path.parent / "backups"),
        "error_log": str(tmp_path / "xdg" / "ACEC Tracker" / "acec-errors.log"),
        "key_file": str(key_path(db.path)),
    }
    assert all(field.isReadOnly() for field in page.path_fields.values())
    page.folder_buttons["backups"].click()
    page.folder_buttons["key_file"].click()
    page.folder_buttons["error_log"].click()
    assert file_manager.opened == [
        db.path.parent / "backups",
        db.path.parent,
        tmp_path / "xdg" / "ACEC Tracker",
    ]
    page.resize(1000, 760)
    shot = Path(os.environ.get("ACEC_SHOT_DIR", str(tmp_path))) / "settings.png"
    assert page.grab().save(str(shot))


def test_open_database_switches_the_window_and_lists_it_as_recent(qtbot, db, tmp_path) -> None:
    person(db, "Only in Viet Nam")
    other = init_office(tmp_path / "secretariat.sqlite", "SEC", "Joint secretariat")
    other_path = other.path
    other.close()
    window = _window(qtbot, db)
    window.show_page("person")
    assert window.open_database_file(other_path)
    _wait_for(qtbot, window, other_path)
    assert "Joint secretariat" in window.windowTitle()
    assert window.status.file_label.text() == str(other_path)
    assert list_records(window.db, "person") == []
    assert window.pages["person"].ws.db is window.db  # the pages were built anew on it
    assert recent_databases()[:2] == [other_path, db.path]
    # The first database was closed cleanly: its lock is free, so it opens again,
    # from File › Open recent.
    window.recent_menu.aboutToShow.emit()
    entries = {a.text(): a for a in window.recent_menu.actions()}
    assert str(other_path) not in entries  # the database in use is not offered
    entries[str(db.path)].trigger()
    _wait_for(qtbot, window, db.path)
    assert [r["name"] for r in list_records(window.db, "person")] == ["Only in Viet Nam"]


def test_a_file_that_is_not_ours_is_refused_and_the_window_keeps_its_database(
    qtbot, db, tmp_path
) -> None:
    foreign = tmp_path / "notes.sqlite"
    foreign.write_bytes(b"not a database at all, just text")
    window = _window(qtbot, db)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.open_database_action in file_menu.actions()  # its dialog cannot be driven
    assert window.open_database_action.shortcut().toString() == "Ctrl+O"
    assert window.open_database_file(foreign)
    qtbot.waitUntil(lambda: window.switch.box is not None, timeout=20000)
    assert "is not an ACEC Tracker database" in window.switch.box.text()
    assert window.is_ready and window.db is db
    assert window.status.file_label.text() == str(db.path)
    window.show_page("person")  # still usable
    assert foreign.read_bytes() == b"not a database at all, just text"


def test_recent_list_keeps_eight_and_greys_out_a_missing_file(qtbot, db, tmp_path) -> None:
    for n in range(MAX_RECENT + 3):
        note_recent(tmp_path / f"old-{n}.sqlite")
    window = _window(qtbot, db)  # attaching puts its own database first
    assert len(recent_databases()) == MAX_RECENT and recent_databases()[0] == db.path
    window.recent_menu.aboutToShow.emit()
    missing = [a for a in window.recent_menu.actions() if "(not found)" in a.text()]
    assert len(missing) == MAX_RECENT - 1 and not any(a.isEnabled() for a in missing)
    gone = tmp_path / "old-10.sqlite"
    assert not window.open_database_file(gone)  # e.g. the disk was unplugged meanwhile
    assert "taken off the list" in window.switch.box.text()
    assert gone not in recent_databases()


def test_move_database_from_settings_reopens_it_at_the_new_place(qtbot, db, tmp_path) -> None:
    person(db, "Moved with the database")
    db.backup("manual")
    old = db.path
    key = key_path(old).read_bytes()
    window = _window(qtbot, db)
    page = window.show_page("settings")
    page.request_move(tmp_path / "new folder")
    new = (tmp_path / "new folder" / old.name).resolve()
    _wait_for(qtbot, window, new)
    wait_for_worker()
    assert not old.exists() and list_backups(old) == []
    assert key_path(new).read_bytes() == key and len(list_backups(new)) == 1
    assert [r["name"] for r in list_records(window.db, "person")] == ["Moved with the database"]
    assert default_database_path() == new
    assert old not in recent_databases() and recent_databases()[0] == new
    settings = window.show_page("settings")
    assert settings.path_fields["database"].text() == str(new)


def test_a_move_that_fails_keeps_the_database_open_where_it_was(qtbot, db, tmp_path) -> None:
    target = tmp_path / "usb"
    target.mkdir()
    (target / db.path.name).write_text("a clash", encoding="utf-8")
    window = _window(qtbot, db)
    window.show_page("settings").request_move(target)
    qtbot.waitUntil(lambda: window.switch.box is not None, timeout=20000)
    assert "already exists" in window.switch.box.text()
    assert window.is_ready and window.db is db and db.path.exists()
    assert window.show_page("settings").path_fields["database"].text() == str(db.path)
