"""The largest package the caps allow: one sheet of 200,000 activities, made by our export.

Activities are the widest sheet of the layout (21 columns), so this is the
most a package the guard accepts can hold in one sheet. Records are inserted
in bulk (as ``bench/bench_sync.py`` does) and exported by ``export_package``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from app.models import model_of
from app.models.reference_ids import plan_item_uid
from app.services.office import init_office
from app.store.clock import observe_versions
from app.sync.export import export_package


def _activities(count: int) -> list[dict[str, Any]]:
    item = plan_item_uid("2.5")
    return [
        {
            "uid": str(uuid.UUID(int=i + 1, version=4)),
            "owner": "VN",
            "version": f"{1700000000000 + i // 100:013d}.{i % 100:06d}.VN",
            "deleted": False,
            "item_uid": item,
            "title": f"Workshop {i} on environmental management",
            "title_local": f"Hội thảo {i} về quản lý môi trường",
            "type": "training",
            "status": "completed",
            "topic": "eia",
            "start_date": dt.date(2011, 1, 1) + dt.timedelta(days=i % 1000),
            "end_date": dt.date(2011, 1, 3) + dt.timedelta(days=i % 1000),
            "host_country": "VN",
            "city": "Hà Nội",
            "countries": "KH LA VN",
            "notes": f"Notes of workshop {i}: =not a formula",
        }
        for i in range(count)
    ]


def build_big_package(folder: Path, count: int) -> Path:
    """A signed VN -> SEC package with ``count`` activities in its one data sheet."""
    db = init_office(folder / "vn-big.sqlite", "VN")
    try:
        with db.session() as session:
            session.execute(insert(model_of("activity")), _activities(count))
            observe_versions(session, "VN", [f"{1700000000000 + count:013d}.000000.VN"])
        return export_package(db, folder / "vn-big.xlsx", to="SEC").path
    finally:
        db.close()
