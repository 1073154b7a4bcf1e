"""Merge: newer versions win, whatever the order; tombstones beat older edits; cancel changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import Cancelled
from app.services.audit import record_history
from app.services.dump import dump_data, dump_json
from app.services.records import delete_record, get_record, update_record
from app.sync.export import export_package
from app.sync.importer import apply_import, import_package, prepare_import
from app.sync.sequences import PackageAlreadyImported


def test_older_package_after_newer_changes_nothing(
    vn, sec, tmp_path: Path, add_records, send_package, receive_package
) -> None:
    records = add_records(vn)
    uid = records["person"].uid
    old = tmp_path / "old.xlsx"
    export_package(vn, old)
    update_record(vn, "person", uid, {"position": "Director"})
    new = tmp_path / "new.xlsx"
    export_package(vn, new)

    receive_package(sec, new)
    after_new = dump_json(sec)
    late = receive_package(sec, old)
    assert dump_json(sec) == after_new
    assert get_record(sec, "person", uid)["position"] == "Director"
    sheet = late.preview.sheet("person")
    assert sheet is not None and sheet.older == 1 and sheet.updated == 0


def test_any_order_converges(make_db, tmp_path: Path, add_records, receive_package) -> None:
    vn = make_db("VN")
    records = add_records(vn)
    packages = []
    for n, position in enumerate(["Officer", "Director", "Minister"]):
        update_record(vn, "person", records["person"].uid, {"position": position})
        path = tmp_path / f"p{n}.xlsx"
        export_package(vn, path)
        packages.append(path)
    delete_record(vn, "participation", records["participation"].uid)
    tomb = tmp_path / "tomb.xlsx"
    export_package(vn, tomb)
    packages.append(tomb)
    dumps = set()
    for order in ([0, 1, 2, 3], [3, 2, 1, 0], [2, 3, 0, 1, 3]):
        sec = make_db("SEC")
        for n, i in enumerate(order):
            if i in order[:n]:  # delivered twice: recognised, and nothing changes
                before = dump_json(sec)
                with pytest.raises(PackageAlreadyImported):
                    receive_package(sec, packages[i])
                assert dump_json(sec) == before
            else:
                receive_package(sec, packages[i])
        dumps.add(dump_json(sec))
    assert len(dumps) == 1
    sec_data = dump_data(sec)
    assert [r["owner"] for r in sec_data["person"]] == ["VN"]
    assert next(iter(sec_data["person"]))["fields"]["position"] == "Minister"
    assert next(iter(sec_data["participation"]))["deleted"] is True


def test_tombstone_wins_over_older_edit(
    vn, sec, tmp_path: Path, add_records, receive_package
) -> None:
    records = add_records(vn)
    uid = records["activity"].uid
    update_record(vn, "activity", uid, {"title": "Edited before deleting"})
    edit = tmp_path / "edit.xlsx"
    export_package(vn, edit)
    delete_record(vn, "activity", uid)
    gone = tmp_path / "gone.xlsx"
    export_package(vn, gone)
    receive_package(sec, gone)
    receive_package(sec, edit)
    assert get_record(sec, "activity", uid).deleted is True


def test_import_writes_audit_rows(vn, sec, tmp_path: Path, add_records, send_package) -> None:
    records = add_records(vn)
    send_package(vn, sec, tmp_path / "1.xlsx")
    update_record(vn, "person", records["person"].uid, {"position": "Director"})
    send_package(vn, sec, tmp_path / "2.xlsx")
    history = record_history(sec, records["person"].uid)
    assert [h.action for h in history] == ["import", "import"]
    assert history[1].changes == {"position": (None, "Director")}
    assert history[0].site == "VN" and "VN" in (history[0].origin or "")


def test_preview_and_dry_run_change_nothing(vn, sec, tmp_path: Path, add_records) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    before = sec.path.read_bytes()
    dump_before = dump_json(sec)
    prepared = prepare_import(sec, path)
    assert prepared.preview.changes == 5
    result = import_package(sec, path, dry_run=True)
    assert not result.applied and result.preview.changes == 5
    assert dump_json(sec) == dump_before
    assert sec.path.read_bytes() == before


def test_cancel_during_apply_changes_nothing(vn, sec, tmp_path: Path, add_records) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    prepared = prepare_import(sec, path)
    before = dump_json(sec)
    calls = []

    def cancel_late(done: int, total: int, message: str) -> None:
        calls.append(done)
        if len(calls) > 3:
            raise Cancelled()

    from app.store import list_backups

    backups = list_backups(sec.path)
    with pytest.raises(Cancelled):
        apply_import(sec, prepared, trust=prepared.preview.key.fingerprint, progress=cancel_late)
    assert dump_json(sec) == before
    assert list_backups(sec.path) == backups  # no useless backup, none rotated away


def test_cancel_during_export_leaves_no_file(vn, tmp_path: Path, add_records) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"

    def cancel(done: int, total: int, message: str) -> None:
        if done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        export_package(vn, path, progress=cancel)
    assert list(tmp_path.glob("*.xlsx")) == []


def test_undo_never_winds_the_clock_back(vn, sec, tmp_path: Path, send_package) -> None:
    """Edits made after an undone import still beat what was exported before the undo."""
    from sqlalchemy import update as sql_update

    from app.models import Organisation
    from app.services.records import create_record
    from app.sync.undo import undo_last_import

    ahead = "2999999999999.000000.SEC"  # a sender whose clock runs far ahead
    org = create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    with sec.session() as session:
        session.execute(
            sql_update(Organisation).where(Organisation.uid == org.uid).values(version=ahead)
        )
    send_package(sec, vn, tmp_path / "sec.xlsx")
    after_import = create_record(vn, "organisation", {"name": "Made after", "type": "ngo"})
    assert after_import.version < ahead  # another office's clock never moves ours
    undo_last_import(vn)
    later = create_record(vn, "organisation", {"name": "Made after undo", "type": "ngo"})
    assert later.version > after_import.version
