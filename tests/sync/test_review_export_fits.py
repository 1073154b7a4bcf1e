"""Review of issue 10: our own export never writes a package our own guard refuses.

The guard caps a sheet at 75,000 rows (with its two header rows) and a
package at 110,000. The export did not know: a database with more records
to send than that wrote a package that every recipient refused, and only the
recipient said so. Records are inserted in bulk, as ``big_package`` does.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import insert

from app.errors import AcecError
from app.models import model_of
from app.services.office import init_office
from app.sync.export import export_package
from app.sync.package_limits import DEFAULT_LIMITS


def _organisations(count: int, start: int = 0) -> list[dict[str, object]]:
    return [
        {
            "uid": str(uuid.UUID(int=start + i + 1, version=4)),
            "owner": "VN",
            "version": f"{1700000000000 + i // 100:013d}.{i % 100:06d}.VN",
            "deleted": False,
            "name": f"Organisation {start + i}",
            "type": "ngo",
        }
        for i in range(count)
    ]


def test_a_sheet_longer_than_the_guard_accepts_is_not_written(tmp_path: Path) -> None:
    db = init_office(tmp_path / "vn.sqlite", "VN")
    try:
        too_many = DEFAULT_LIMITS.max_rows - 2 + 1
        with db.session() as session:
            session.execute(insert(model_of("organisation")), _organisations(too_many))
        out = tmp_path / "vn.xlsx"
        with pytest.raises(AcecError, match="75,000|74,998") as caught:
            export_package(db, out, to="SEC")
        assert "Organisations" in caught.value.message
        assert not out.exists() and not list(tmp_path.glob("*.partial.xlsx"))
    finally:
        db.close()


def test_more_records_in_all_than_the_guard_accepts_are_not_written(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from big_package import _activities

    db = init_office(tmp_path / "vn.sqlite", "VN")
    try:
        with db.session() as session:  # each sheet within its cap, together over it
            session.execute(insert(model_of("organisation")), _organisations(60_000))
            session.execute(insert(model_of("activity")), _activities(60_000))
        out = tmp_path / "vn.xlsx"
        with pytest.raises(AcecError, match="in all"):
            export_package(db, out, to="SEC")
        assert not out.exists()
    finally:
        db.close()
