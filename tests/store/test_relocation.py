"""Moving a database with its key and backups: all of it moves, or nothing does."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.errors import StoreError
from app.locations import default_database_path, standard_database_path
from app.services.data_files import data_files, move_database
from app.services.records import create_record, list_records
from app.store import Database, list_backups, open_database
from app.store.site_keys import key_path


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own data folder, so the remembered default stays in it."""
    folder = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def office(make_db) -> Database:
    db: Database = make_db("VN")
    create_record(db, "person", {"name": "Nguyen Van A", "country": "VN"})
    db.backup("manual")
    db.backup("import")
    return db


def _everything(db_path: Path) -> dict[str, bytes]:
    """The key file and the backups, by name, with their bytes."""
    files = {p.name: p.read_bytes() for p in list_backups(db_path)}
    files[key_path(db_path).name] = key_path(db_path).read_bytes()
    return files


def test_database_key_and_backups_move_together(office: Database, tmp_path: Path) -> None:
    old = office.path
    before = _everything(old)
    result = move_database(office, tmp_path / "new place" / "acec data")
    new = result.path
    assert new == (tmp_path / "new place" / "acec data" / old.name).resolve()
    assert result.left_behind == []
    assert not old.exists() and not key_path(old).exists() and list_backups(old) == []
    assert not (old.parent / "backups").exists()
    assert _everything(new) == before
    assert not [p for p in new.parent.rglob("*") if p.name.endswith(".moving")]
    if os.name == "posix":
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        assert stat.S_IMODE(key_path(new).stat().st_mode) == 0o600
    assert default_database_path() == new  # the window and commands use it from now on
    moved = open_database(new)
    try:
        assert [r["name"] for r in list_records(moved, "person")] == ["Nguyen Van A"]
        assert moved.notices == []  # the key came along: no new key was made
    finally:
        moved.close()


def _unchanged(db: Database, before: dict[str, bytes]) -> None:
    """The database is where it was, whole, still open and writable, and still the default."""
    assert _everything(db.path) == before
    create_record(db, "person", {"name": "After the failed move", "country": "VN"})
    assert len(list_records(db, "person")) == 2
    assert default_database_path() == standard_database_path()


def test_a_failure_half_way_leaves_everything_at_the_old_place(
    office: Database, tmp_path: Path
) -> None:
    # The database and key are copied before the backups, which cannot go in:
    # "backups" in the destination is a file (a real refusal, also for root).
    target = tmp_path / "usb"
    target.mkdir()
    (target / "backups").write_text("someone's file", encoding="utf-8")
    before = _everything(office.path)
    with pytest.raises(StoreError) as caught:
        move_database(office, target)
    assert "Nothing was lost" in caught.value.message
    assert str(office.path) in caught.value.message
    assert sorted(p.name for p in target.iterdir()) == ["backups"]
    assert (target / "backups").read_text(encoding="utf-8") == "someone's file"
    _unchanged(office, before)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_destination_that_becomes_unwritable_half_way(office: Database, tmp_path: Path) -> None:
    target = tmp_path / "share"
    (target / "backups").mkdir(parents=True)
    (target / "backups").chmod(0o555)
    before = _everything(office.path)
    try:
        with pytest.raises(StoreError):
            move_database(office, target)
        assert sorted(p.name for p in target.iterdir()) == ["backups"]
        assert list((target / "backups").iterdir()) == []
    finally:
        (target / "backups").chmod(0o755)
    _unchanged(office, before)


def test_a_name_clash_is_refused_before_anything_is_copied(
    office: Database, tmp_path: Path
) -> None:
    target = tmp_path / "other"
    target.mkdir()
    clash = key_path(target / office.path.name)
    clash.write_text("another office's key", encoding="utf-8")
    before = _everything(office.path)
    with pytest.raises(StoreError) as caught:
        move_database(office, target)
    assert str(clash) in caught.value.message and "Nothing was changed" in caught.value.message
    assert sorted(p.name for p in target.iterdir()) == [clash.name]
    assert clash.read_text(encoding="utf-8") == "another office's key"
    _unchanged(office, before)


def test_a_file_or_the_same_folder_is_no_destination(office: Database, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        move_database(office, a_file)
    with pytest.raises(StoreError, match="already in"):
        move_database(office, office.path.parent)
    _unchanged(office, _everything(office.path))


def test_data_files_names_the_four_places(office: Database) -> None:
    files = data_files(office.path)
    assert files.database == office.path
    assert files.key_file == key_path(office.path) and files.key_file.exists()
    assert files.backups == office.path.parent / "backups" and files.backups.is_dir()
    assert files.error_log.name == "acec-errors.log"
    assert files.folder_of(files.backups) == files.backups
    assert files.folder_of(files.key_file) == office.path.parent
