"""Reports limited to the records the secretariat accepted, saying so on their title line.

The hand-built database (conftest): LA owns activity A3, its in-kind funding
F3 (US$ 2,000) and P2's envoy title; VN owns activity A7 and its HKD
funding; everything else is the secretariat's own, which always counts.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from app.cli import main
from app.errors import AcecError
from app.models import Activity
from app.reports.catalogue import ReportRequest, build_report
from app.reports.envoys import envoys_report
from app.reports.funding import funding_report
from app.reports.progress import progress_report
from app.reports.training import training_report
from app.services.records import list_records
from app.services.review_verdicts import accept_records, return_records
from app.store import Database
from tests.reports.conftest import AS_OF, build_report_db

ACCEPTED = "Figures accepted by the secretariat"


@pytest.fixture
def reviewed(tmp_path: Path) -> tuple[Database, dict[str, str]]:
    db, ids = build_report_db(tmp_path / "sec.sqlite")
    ids["F3"] = list_records(db, "funding", owner="LA")[0].uid
    ids["E-LA"] = list_records(db, "green_envoy", owner="LA")[0].uid
    yield db, ids
    db.close()


def _activities(db: Database, **scope: object) -> int:
    report = progress_report(db, as_of=AS_OF, **scope)  # type: ignore[arg-type]
    return sum(item.activity_total for item in report.items)


def test_nothing_a_country_sent_counts_until_it_is_accepted(reviewed) -> None:
    db, ids = reviewed
    assert _activities(db) == 7
    assert _activities(db, accepted_only=True) == 5  # A3 (LA) and A7 (VN) left out
    assert funding_report(db).total.in_kind == Decimal("2000.00")
    assert funding_report(db, accepted_only=True).total.in_kind == 0
    assert envoys_report(db).total == 3
    assert envoys_report(db, accepted_only=True).total == 2
    everyone = training_report(db)
    accepted = training_report(db, accepted_only=True)
    assert (everyone.sessions, accepted.sessions) == (3, 1)  # A2 only: SEC's own

    accept_records(db, [ids["A3"], ids["F3"], ids["E-LA"]])
    return_records(db, [ids["A7"]], "Dates missing")
    assert _activities(db, accepted_only=True) == 6
    assert funding_report(db, accepted_only=True).total.in_kind == Decimal("2000.00")
    assert envoys_report(db, accepted_only=True).total == 3
    assert training_report(db, accepted_only=True).sessions == 2


def test_a_record_changed_after_it_was_accepted_drops_out(reviewed) -> None:
    db, ids = reviewed
    accept_records(db, [ids["A3"]])
    assert _activities(db, country="LA", accepted_only=True) == 1
    with db.session() as session:  # LA's corrected version arrives in its next package
        session.execute(
            update(Activity)
            .where(Activity.uid == ids["A3"])
            .values(version="0000000000002.000000.LA")
        )
    assert _activities(db, country="LA", accepted_only=True) == 0
    assert _activities(db, country="LA") == 1


def test_every_kind_says_so_on_its_title_line(reviewed) -> None:
    db, ids = reviewed
    for kind in ("progress", "training", "funding", "envoys"):
        plain = build_report(db, ReportRequest(kind, as_of=AS_OF))
        limited = build_report(db, ReportRequest(kind, as_of=AS_OF, accepted_only=True))
        assert not any(ACCEPTED in line for line in plain.title_lines), kind
        assert any(ACCEPTED in line for line in limited.title_lines), kind
    sheet = build_report(db, ReportRequest("activity", activity_uid=ids["A2"], accepted_only=True))
    assert ACCEPTED in sheet.title_lines
    with pytest.raises(AcecError, match="has not accepted this activity"):
        build_report(db, ReportRequest("activity", activity_uid=ids["A7"], accepted_only=True))


def test_the_command_line_takes_accepted_only(tmp_path: Path, capsys) -> None:
    db, _ids = build_report_db(tmp_path / "sec.sqlite")
    db.close()
    out = tmp_path / "funding.xlsx"
    args = ["--db", str(tmp_path / "sec.sqlite"), "report", "funding", "--out", str(out)]
    assert main([*args, "--accepted-only"]) == 0
    book = load_workbook(out, read_only=True)
    cells = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert any(ACCEPTED in c for c in cells)
