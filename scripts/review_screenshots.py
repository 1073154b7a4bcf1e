"""Write docs/screenshots/completeness.png, year_locks.png and returned_rows.png from real
packages: Viet Nam, Cambodia and Thailand (whose package is five months old) send their
demo records to the secretariat, which accepts some, returns a few of Viet Nam's and
locks Cambodia's first year; Viet Nam receives the secretariat's package.

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/review_screenshots.py [FOLDER]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REASONS = (
    "The organisation is missing, and the name is in the national script only.",
    "This looks like a person Cambodia registered: please check the e-mail.",
    "The end date is before the start date.",
)


def _send(src: Any, dst: Any, path: Path) -> None:
    from app.sync.export import export_package
    from app.sync.importer import apply_import, prepare_import

    export_package(src, path, to=dst.site)
    prepared = prepare_import(dst, path)
    assert prepared.preview.key is not None and not prepared.preview.refused
    apply_import(dst, prepared, trust=prepared.preview.key.fingerprint)


def _offices(folder: Path) -> dict[str, Any]:
    from sqlalchemy import update

    from app.demo import generate_demo
    from app.models import PackageLog
    from app.models.utc import utc_now
    from app.services.office import init_office

    dbs = {}
    for seed, site in enumerate(("VN", "KH", "TH", "SEC"), start=1):
        dbs[site] = init_office(folder / f"{site.lower()}.sqlite", site, None)
        if site != "SEC":
            generate_demo(dbs[site], 1200, seed)
    sec = dbs["SEC"]
    _send(dbs["TH"], sec, folder / "th.xlsx")
    with sec.session() as session:  # Thailand's package came five months ago
        session.execute(update(PackageLog).values(at=utc_now() - dt.timedelta(days=150)))
    _send(dbs["KH"], sec, folder / "kh.xlsx")
    _send(dbs["VN"], sec, folder / "vn.xlsx")
    return dbs


def _review(dbs: dict[str, Any], folder: Path) -> None:
    from app.services.locks import lock_year
    from app.services.review import ReviewFilters, review_queue
    from app.services.review_verdicts import accept_records, return_records

    sec = dbs["SEC"]
    people = review_queue(sec, ReviewFilters(country="VN", kind="person"))
    vn = review_queue(sec, ReviewFilters(country="VN", kind="activity"))
    kh = review_queue(sec, ReviewFilters(country="KH", kind="activity"))
    accept_records(sec, [r.uid for r in vn[: len(vn) // 2] + kh[: len(kh) // 3]])
    return_records(sec, [people[1].uid, people[4].uid], REASONS[0])
    return_records(sec, [people[6].uid], REASONS[1])
    return_records(sec, [r.uid for r in vn[-3:]], REASONS[2])
    years = sorted({r.year for r in kh if r.year is not None})
    if years:
        lock_year(sec, "KH", years[0])
    _send(sec, dbs["VN"], folder / "sec.xlsx")


def main() -> int:
    from app.ui.shell.application import make_application
    from app.ui.shell.screenshots import render_review_pages, use_settings_folder

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        use_settings_folder(Path(tmp))
        app = make_application("en")
        dbs = _offices(Path(tmp))
        try:
            _review(dbs, Path(tmp))
            for path in render_review_pages(dbs["SEC"], dbs["VN"], out):
                print(path)
        finally:
            for db in dbs.values():
                db.close()
        app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
