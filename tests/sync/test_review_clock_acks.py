"""Review of issue 10 where the clock fix meets the undo fix.

Acknowledgements are ordered by the sender's ``created`` time (its wall
clock), so that a late, older package does not roll them back. A sender
whose computer once said 2099 then made every later acknowledgement of its
"older" — and an undo's lowered statement was then ignored for good.
"""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest

from app.services.dump import dump_json
from app.services.records import create_record, list_records
from app.store import Database
from app.sync import export as export_module
from app.sync.export import export_package
from app.sync.undo import undo_last_import


class _Year2099(dt.datetime):
    """A laptop whose date was set to 2099."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _Year2099:  # type: ignore[override]
        return cls(2099, 1, 1, 12, 0, 0, tzinfo=tz)


def _uids(db: Database) -> set[str]:
    return {r.uid for r in list_records(db, "organisation")}


def _package(src: Database, path: Path, to: str | None = None) -> Path:
    export_package(src, path, to=to)
    return path


def test_undo_after_a_far_clock_is_still_asked_for_again(
    vn, sec, tmp_path, receive_package, monkeypatch: pytest.MonkeyPatch
) -> None:
    """VN acknowledged ACB while its date said 2099, corrects the date, then undoes."""
    acb = create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    receive_package(vn, _package(sec, tmp_path / "p1.xlsx", to="VN"))
    with monkeypatch.context() as patch:
        patch.setattr(export_module, "dt", types.SimpleNamespace(datetime=_Year2099, UTC=dt.UTC))
        receive_package(sec, _package(vn, tmp_path / "ack-2099.xlsx"))  # acknowledges ACB
    undo_last_import(vn)  # the date is right again; ACB is gone from VN
    assert acb.uid not in _uids(vn)
    for n in range(2):  # ordinary exchanges, no --full
        receive_package(sec, _package(vn, tmp_path / f"r{n}-vn.xlsx"))
        receive_package(vn, _package(sec, tmp_path / f"r{n}-sec.xlsx", to="VN"))
    assert acb.uid in _uids(vn)
    assert dump_json(vn) == dump_json(sec)


def test_a_backup_put_back_by_hand_is_asked_for_again(vn, sec, tmp_path, receive_package) -> None:
    """The README's advice for a damaged database: put the newest backup in its place.

    That backup lacks what arrived after it, which the partner counts as
    delivered; the next package's ``since`` shows the gap, and it is asked
    for again instead of lost for good.
    """
    from app.store import list_backups, open_database, restore_file

    acb = create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    receive_package(vn, _package(sec, tmp_path / "p1.xlsx", to="VN"))  # backup taken before
    receive_package(sec, _package(vn, tmp_path / "ack.xlsx"))  # VN acknowledges ACB
    path = vn.path
    vn.close()
    restore_file(list_backups(path, "import")[-1], path)  # by hand: the file put in its place
    vn = open_database(path)
    try:
        assert acb.uid not in _uids(vn)
        later = create_record(sec, "organisation", {"name": "UNEP", "type": "partner"})
        receive_package(vn, _package(sec, tmp_path / "p2.xlsx", to="VN"))  # UNEP only
        for n in range(2):
            receive_package(sec, _package(vn, tmp_path / f"r{n}-vn.xlsx"))
            receive_package(vn, _package(sec, tmp_path / f"r{n}-sec.xlsx", to="VN"))
        assert {acb.uid, later.uid} <= _uids(vn)
        assert dump_json(vn) == dump_json(sec)
    finally:
        vn.close()
