"""Older backups are kept compressed; undo reads them and gives back exactly the copy.

Issue 17 (disk): ten full backups of a 300,000-record database took 1.9 GB.
The newest few stay plain files, older ones gzip; these tests run real
databases, real packages and real gzip files.
"""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from app.errors import StoreError
from app.services.dump import dump_json
from app.services.office_status import BACKUPS_KEPT, set_setting
from app.services.records import create_record
from app.store import Database, list_backups
from app.store.backup import COMPRESSED, PLAIN_KEPT, compress_backup, rotate_backups
from app.sync.export import export_package
from app.sync.undo import plan_undo, undo_last_import


def _site_in(path: Path) -> str:
    if path.name.endswith(COMPRESSED):
        unpacked = path.with_name("check.sqlite")
        unpacked.write_bytes(gzip.decompress(path.read_bytes()))
        path = unpacked
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT site FROM local_site").fetchone()[0])


def test_the_newest_stay_plain_and_older_ones_are_compressed(vn: Database) -> None:
    made = [vn.backup("import") for _ in range(PLAIN_KEPT + 3)]
    kept = list_backups(vn.path)
    assert [p.name.split(".")[0] for p in kept] == [p.name.split(".")[0] for p in made]
    assert [p.name.endswith(COMPRESSED) for p in kept] == [True] * 3 + [False] * PLAIN_KEPT
    assert all(_site_in(p) == "VN" for p in kept)  # each one whole, compressed or not
    plain, packed = kept[-1].stat().st_size, kept[0].stat().st_size
    assert packed < plain / 2
    assert not list(kept[0].parent.glob("*.partial"))


def test_rotation_still_keeps_only_the_setting_s_number(vn: Database) -> None:
    set_setting(vn, BACKUPS_KEPT, "4")
    made = [vn.backup("import") for _ in range(7)]
    kept = list_backups(vn.path)
    assert len(kept) == 4
    assert kept[-1] == made[-1] and kept[0].name == made[3].name + COMPRESSED


def test_a_compression_stopped_halfway_leaves_one_whole_backup(vn: Database) -> None:
    first = vn.backup("import")
    packed = compress_backup(first)
    first.write_bytes(gzip.decompress(packed.read_bytes()))  # the plain file still there
    (packed.parent / (packed.name + ".partial")).write_bytes(b"half")
    assert list_backups(vn.path) == [first]  # listed once, the plain one
    for _ in range(PLAIN_KEPT):
        vn.backup("import")
    assert list_backups(vn.path)[0] == packed and not first.exists()


def test_undo_restores_exactly_from_a_compressed_backup(
    vn: Database, sec: Database, tmp_path: Path, receive_package
) -> None:
    create_record(vn, "organisation", {"name": "Before the import", "type": "ngo"})
    before = dump_json(vn)
    create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    export_package(sec, tmp_path / "p1.xlsx", to="VN")
    receive_package(vn, tmp_path / "p1.xlsx")
    for _ in range(PLAIN_KEPT):  # later backups push the import's backup out of the plain few
        vn.backup("manual")
    rotate_backups(vn.path, 10)
    plan = plan_undo(vn)
    assert plan.backup.name.endswith(COMPRESSED)
    undo_last_import(vn)
    assert dump_json(vn) == before
    assert not list(plan.backup.parent.glob("*.unpacked"))


def test_a_damaged_compressed_backup_is_refused_and_nothing_changes(
    vn: Database, sec: Database, tmp_path: Path, receive_package
) -> None:
    create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    export_package(sec, tmp_path / "p1.xlsx", to="VN")
    receive_package(vn, tmp_path / "p1.xlsx")
    after = dump_json(vn)
    for _ in range(PLAIN_KEPT):
        vn.backup("manual")
    backup = plan_undo(vn).backup
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: gzip's CRC catches it
    backup.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        undo_last_import(vn)
    assert dump_json(vn) == after
