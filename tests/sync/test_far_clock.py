"""One office's clock, wrong or hostile, never stops another office nor makes its edits lose.

Versions are ``PPPPPPPPPPPPP.CCCCCC.SITE``. A sender whose clock says 2099, or
a package signed with a real key carrying ``9999999999999.999999``, used to
move the importer's clock there: its next change overflowed to 14 digits and
every later export failed, at the secretariat and, relayed, everywhere.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy import update as sql_update

from app.cli.sync_commands import preview_text
from app.models import ClockState, Organisation
from app.models.hlc import parse
from app.services.records import create_record, get_record, update_record
from app.store import Database
from app.store import clock as clock_module
from app.sync.export import export_package
from app.sync.importer import prepare_import
from app.sync.undo import undo_last_import

LAST_MS = 9_999_999_999_999  # the last millisecond 13 digits can hold (year 2286)
YEAR_2099_MS = int(dt.datetime(2099, 1, 1, tzinfo=dt.UTC).timestamp() * 1000)
DAY_MS = 86_400_000


def set_clock(db: Database, physical_ms: int, counter: int = 0) -> None:
    """What a laptop's stored clock holds after its last change (its date was wrong then)."""
    with db.session() as session:
        state = session.scalars(select(ClockState)).one()
        state.physical_ms, state.counter = physical_ms, counter


def clock_of(db: Database) -> tuple[int, int]:
    with db.read_session() as session:
        state = session.scalars(select(ClockState)).one()
        return state.physical_ms, state.counter


def now_ms() -> int:
    return int(time.time() * 1000)


def assert_near_now(version: str) -> None:
    """A version made from this computer's clock: 13 digits, within a day of now."""
    assert abs(parse(version).physical_ms - now_ms()) < DAY_MS, version


def far_package(vn: Database, path: Path, physical_ms: int, counter: int = 0) -> str:
    """VN signs, with its real key, a record whose version is at ``physical_ms``."""
    org = create_record(vn, "organisation", {"name": "From the future", "type": "ngo"})
    with vn.session() as session:
        session.execute(
            sql_update(Organisation)
            .where(Organisation.uid == org.uid)
            .values(version=f"{physical_ms:013d}.{counter:06d}.VN")
        )
    export_package(vn, path, to="SEC")
    return org.uid


def test_a_record_at_the_last_version_stops_no_office(
    vn, kh, sec, tmp_path: Path, send_package, receive_package
) -> None:
    """Import at SEC, edit at SEC, relay to KH, edit at KH, send back: all succeed."""
    uid = far_package(vn, tmp_path / "vn.xlsx", LAST_MS, 999_999)
    receive_package(sec, tmp_path / "vn.xlsx")
    assert get_record(sec, "organisation", uid).version == "9999999999999.999999.VN"

    made_at_sec = create_record(sec, "organisation", {"name": "Secretariat's", "type": "partner"})
    assert_near_now(made_at_sec.version)
    send_package(sec, kh, tmp_path / "sec-kh.xlsx")
    assert get_record(kh, "organisation", uid).version == "9999999999999.999999.VN"
    made_at_kh = create_record(kh, "organisation", {"name": "Cambodia's", "type": "ngo"})
    assert_near_now(made_at_kh.version)
    send_package(kh, sec, tmp_path / "kh-sec.xlsx")
    update_record(sec, "organisation", made_at_sec.uid, {"name": "Secretariat's, edited"})
    send_package(sec, vn, tmp_path / "sec-vn.xlsx")
    assert get_record(vn, "organisation", made_at_kh.uid)["name"] == "Cambodia's"
    assert get_record(vn, "organisation", made_at_sec.uid)["name"] == "Secretariat's, edited"
    for db in (sec, kh):
        assert clock_of(db)[0] < now_ms() + DAY_MS, db.site


def test_the_preview_warns_of_an_office_whose_clock_runs_ahead(
    vn, sec, tmp_path: Path, receive_package
) -> None:
    far_package(vn, tmp_path / "vn.xlsx", YEAR_2099_MS)
    preview = prepare_import(sec, tmp_path / "vn.xlsx").preview
    assert not preview.refused
    assert len(preview.warnings) == 1
    warning = preview.warnings[0]
    assert "The clock of office VN is" in warning and "years ahead of this computer" in warning
    assert warning in preview.to_dict()["warnings"]
    assert warning in preview_text(preview)
    result = receive_package(sec, tmp_path / "vn.xlsx")
    assert result.applied and result.preview.warnings == [warning]
    assert clock_of(sec)[0] < now_ms() + DAY_MS  # accepted, but our clock did not follow


def test_an_ordinary_package_has_no_clock_warning(vn, sec, tmp_path: Path) -> None:
    create_record(vn, "organisation", {"name": "Today's", "type": "ngo"})
    export_package(vn, tmp_path / "vn.xlsx", to="SEC")
    assert prepare_import(sec, tmp_path / "vn.xlsx").preview.warnings == []


def test_undoing_the_import_that_poisoned_the_clock_lets_the_office_export(
    vn, sec, tmp_path: Path, receive_package
) -> None:
    """``acec restore`` after a far-future import: the next edit and export succeed."""
    far_package(vn, tmp_path / "vn.xlsx", LAST_MS, 999_999)
    receive_package(sec, tmp_path / "vn.xlsx")
    undo_last_import(sec)
    made = create_record(sec, "organisation", {"name": "After the undo", "type": "partner"})
    assert_near_now(made.version)
    export_package(sec, tmp_path / "sec-vn.xlsx", to="VN")


def _poison_as_before(sec: Database) -> str:
    """The state the old program left: clock moved to a far version, then one edit overflowed."""
    org = create_record(sec, "organisation", {"name": "Edited after the import", "type": "partner"})
    with sec.session() as session:
        session.execute(
            sql_update(Organisation)
            .where(Organisation.uid == org.uid)
            .values(version="10000000000000.000000.SEC")
        )
    set_clock(sec, LAST_MS + 1, 0)
    return org.uid


def test_a_clock_poisoned_by_an_earlier_import_is_repaired_at_export(
    sec, vn, tmp_path: Path, receive_package
) -> None:
    before = create_record(sec, "organisation", {"name": "Made before", "type": "partner"})
    uid = _poison_as_before(sec)
    export_package(sec, tmp_path / "sec-vn.xlsx", to="VN")  # failed: "… is not a record version"
    receive_package(vn, tmp_path / "sec-vn.xlsx")
    repaired = get_record(sec, "organisation", uid).version
    assert_near_now(repaired)
    assert repaired > before.version
    assert get_record(vn, "organisation", uid).version == repaired
    later = create_record(sec, "organisation", {"name": "Made after", "type": "partner"})
    assert_near_now(later.version)
    assert later.version > repaired


def test_a_clock_poisoned_by_an_earlier_import_is_repaired_at_the_next_edit(sec) -> None:
    mine = create_record(sec, "organisation", {"name": "Mine", "type": "partner"})
    set_clock(sec, YEAR_2099_MS, 5)  # what observing a 2099 version did; no edit since
    update_record(sec, "organisation", mine.uid, {"name": "Mine, edited"})
    edited = get_record(sec, "organisation", mine.uid).version
    assert_near_now(edited)
    assert edited > mine.version
    assert clock_of(sec)[0] < now_ms() + DAY_MS


@pytest.fixture
def wall_clock(monkeypatch: pytest.MonkeyPatch):
    """Set this computer's clock: ``wall_clock(ms)``; ``wall_clock(None)`` puts it right."""

    def set_to(ms: int | None) -> None:
        if ms is None:
            monkeypatch.undo()
        else:
            monkeypatch.setattr(clock_module, "wall_clock_ms", lambda: ms)

    return set_to


def test_an_office_whose_own_clock_was_wrong_keeps_its_later_edits_newer(
    vn, sec, tmp_path: Path, send_package, wall_clock
) -> None:
    wall_clock(YEAR_2099_MS)
    org = create_record(vn, "organisation", {"name": "Made in 2099", "type": "ngo"})
    assert parse(org.version).physical_ms == YEAR_2099_MS
    send_package(vn, sec, tmp_path / "vn-1.xlsx")
    wall_clock(None)  # the officer corrects the date
    update_record(vn, "organisation", org.uid, {"name": "Corrected"})
    edited = get_record(vn, "organisation", org.uid).version
    assert edited > org.version
    send_package(vn, sec, tmp_path / "vn-2.xlsx")
    assert get_record(sec, "organisation", org.uid)["name"] == "Corrected"


def test_edits_exported_before_an_undo_still_lose_to_later_ones(
    vn, sec, tmp_path: Path, send_package, wall_clock
) -> None:
    """The repair never winds the clock below versions this office already sent."""
    org = create_record(vn, "organisation", {"name": "Mine", "type": "ngo"})
    create_record(sec, "organisation", {"name": "Secretariat's", "type": "partner"})
    send_package(sec, vn, tmp_path / "sec-vn.xlsx")
    wall_clock(YEAR_2099_MS)
    update_record(vn, "organisation", org.uid, {"name": "Edited in 2099"})
    send_package(vn, sec, tmp_path / "vn-sec.xlsx")
    undo_last_import(vn)  # the 2099 edit is undone here, but SEC holds it
    wall_clock(None)
    update_record(vn, "organisation", org.uid, {"name": "Edited after the undo"})
    send_package(vn, sec, tmp_path / "vn-sec-2.xlsx")
    assert get_record(sec, "organisation", org.uid)["name"] == "Edited after the undo"


def test_an_office_at_the_last_version_is_told_and_nothing_changes(vn) -> None:
    """Its own last change took the format's very last version: refuse, never overflow."""
    from app.errors import AcecError
    from app.services.records import list_records

    org = create_record(vn, "organisation", {"name": "Last", "type": "ngo"})
    with vn.session() as session:
        session.execute(
            sql_update(Organisation)
            .where(Organisation.uid == org.uid)
            .values(version="9999999999999.999999.VN")
        )
    set_clock(vn, LAST_MS, 999_999)
    with pytest.raises(AcecError, match="last version a package can carry"):
        create_record(vn, "organisation", {"name": "One more", "type": "ngo"})
    assert [r.uid for r in list_records(vn, "organisation")] == [org.uid]
    assert clock_of(vn) == (LAST_MS, 999_999)
