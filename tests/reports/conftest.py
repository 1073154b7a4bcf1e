"""A small hand-built secretariat database whose report numbers are worked out by hand.

Activities (plan 2011–2013; the progress report is judged on 2012-06-01):
  A1 1.2 forum     completed 2011-11-10..12 host CN  (SEC)
  A2 2.5 training  completed 2011-05-01..10 host CN  (SEC)  topic eia
  A3 2.5 training  completed 2012-03-01..05 host LA  (LA)   topic policy_law
  A4 2.5 training  planned   2012-09-01       host CN  (SEC)
  A5 2.4 meeting   completed 2012-02-01       host CN  (SEC)
  A6 4.1 study     cancelled 2011-06-01       host TH  (SEC)
  A7 2.5 training  completed 2013-04-01..03 host VN  (VN)   topic eia
People: P1 VN f official, P2 LA m expert, P3 TH f official, P4 CN m academic,
P5 KH (no gender) youth.
Trainees: A2: P1 (cert C-1), P2 (cert "=SUM(1)"), P3; A3: P1, P5 (cert C-3), P4;
A7: P3 (P2 is a trainer there); A4 (planned): P4.
Funding: F1 A2 commitment cafund 100,000 CNY 2011-03-01; F2 A2 disbursement
cafund 50,000 CNY 2011-06-01; F3 A3 in_kind asean_gov 2,000 USD 2012-03-01 (LA);
F4 A5 commitment china 10,000 CNY 2012-01-15; F5 A7 commitment partners
30,000 HKD 2012-05-01 (VN, no rate:
the shipped defaults have none for HKD); F6 A1 commitment ppp 500 USD 2014-01-01
(outside the plan). Rates: CNY 2011 0.15, CNY 2012 0.16 USD.
Envoys: P1 school 2011 and 2012; P3 government 2012; P5 ngo 2014; P2
enterprise 2013 (LA).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.models import model_of
from app.services.office import init_office
from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.services.validation import coerce_values
from app.store import Database

AS_OF = dt.date(2012, 6, 1)
D = dt.date


def add_owned_by(db: Database, kind: str, owner: str, values: dict[str, Any]) -> str:
    """Insert a record owned by another site, as if its package had arrived."""
    uid = str(uuid.uuid4())
    clean = coerce_values(kind, values, partial=False)
    with db.session() as session:
        session.add(
            model_of(kind)(
                uid=uid,
                owner=owner,
                version=f"0000000000001.000000.{owner}",
                deleted=False,
                **clean,
            )
        )
    return uid


def _activity(
    item: str,
    type_: str,
    status: str,
    start: dt.date,
    end: dt.date | None,
    host: str,
    title: str,
    topic: str | None = None,
) -> dict[str, Any]:
    return {
        "item_uid": plan_item_uid(item),
        "title": title,
        "type": type_,
        "status": status,
        "topic": topic,
        "start_date": start,
        "end_date": end,
        "host_country": host,
    }


def build_report_db(path: Path) -> tuple[Database, dict[str, str]]:
    """The database described above; returns it and the ids by name."""
    db = init_office(path, "SEC", "China–ASEAN joint secretariat")
    ids: dict[str, str] = {}

    def own(name: str, kind: str, values: dict[str, Any]) -> str:
        ids[name] = create_record(db, kind, values).uid
        return ids[name]

    def other(name: str, kind: str, owner: str, values: dict[str, Any]) -> str:
        ids[name] = add_owned_by(db, kind, owner, values)
        return ids[name]

    own(
        "O1",
        "organisation",
        {
            "name": "Ministry of Natural Resources and Environment",
            "type": "ministry",
            "country": "VN",
        },
    )
    own(
        "A1",
        "activity",
        _activity(
            "1.2",
            "forum",
            "completed",
            D(2011, 11, 10),
            D(2011, 11, 12),
            "CN",
            "First China–ASEAN environmental cooperation forum",
        ),
    )
    own(
        "A2",
        "activity",
        _activity(
            "2.5",
            "training",
            "completed",
            D(2011, 5, 1),
            D(2011, 5, 10),
            "CN",
            "EIA training for ASEAN officials",
            "eia",
        ),
    )
    other(
        "A3",
        "activity",
        "LA",
        _activity(
            "2.5",
            "training",
            "completed",
            D(2012, 3, 1),
            D(2012, 3, 5),
            "LA",
            "Environmental law workshop, Vientiane",
            "policy_law",
        ),
    )
    own(
        "A4",
        "activity",
        _activity(
            "2.5",
            "training",
            "planned",
            D(2012, 9, 1),
            None,
            "CN",
            "Monitoring training",
            "monitoring",
        ),
    )
    own(
        "A5",
        "activity",
        _activity(
            "2.4",
            "meeting",
            "completed",
            D(2012, 2, 1),
            D(2012, 2, 1),
            "CN",
            "Green Envoys launch ceremony",
        ),
    )
    own(
        "A6",
        "activity",
        _activity("4.1", "study", "cancelled", D(2011, 6, 1), None, "TH", "Outlook design meeting"),
    )
    other(
        "A7",
        "activity",
        "VN",
        _activity(
            "2.5",
            "training",
            "completed",
            D(2013, 4, 1),
            D(2013, 4, 3),
            "VN",
            "EIA follow-up course, Hanoi",
            "eia",
        ),
    )

    people = {
        "P1": {
            "name": "Nguyen Thi Lan",
            "name_local": "Nguyễn Thị Lan",
            "gender": "f",
            "country": "VN",
            "category": "official",
            "organisation_uid": ids["O1"],
        },
        "P2": {
            "name": "Somphone Vongsa",
            "name_local": "ສົມພອນ ວົງສາ",
            "gender": "m",
            "country": "LA",
            "category": "expert",
        },
        "P3": {
            "name": "Malee Srisuk",
            "name_local": "มาลี ศรีสุข",
            "gender": "f",
            "country": "TH",
            "category": "official",
        },
        "P4": {
            "name": "Wang Wei",
            "name_local": "王伟",
            "gender": "m",
            "country": "CN",
            "category": "academic",
        },
        "P5": {"name": "Sok Dara", "name_local": "សុខ ដារា", "country": "KH", "category": "youth"},
    }
    for name, values in people.items():
        own(name, "person", values)

    def trainee(act: str, person: str, cert: str | None = None, role: str = "trainee") -> None:
        create_record(
            db,
            "participation",
            {
                "activity_uid": ids[act],
                "person_uid": ids[person],
                "role": role,
                "completed": True,
                "certificate": cert,
            },
        )

    trainee("A2", "P1", "C-1")
    trainee("A2", "P2", "=SUM(1)")
    trainee("A2", "P3")
    trainee("A3", "P1")
    trainee("A3", "P5", "C-3")
    trainee("A3", "P4")
    trainee("A7", "P3")
    trainee("A7", "P2", role="trainer")
    trainee("A4", "P4")
    create_record(
        db,
        "activity_partner",
        {"activity_uid": ids["A2"], "organisation_uid": ids["O1"], "role": "co-organiser"},
    )
    create_record(
        db,
        "activity_output",
        {
            "activity_uid": ids["A2"],
            "kind": "report",
            "title": "Training report",
            "date": D(2011, 6, 1),
        },
    )

    def money(
        act: str,
        kind: str,
        source: str,
        amount: str,
        cur: str,
        day: dt.date,
        owner: str | None = None,
    ) -> None:
        values = {
            "activity_uid": ids[act],
            "kind": kind,
            "source": source,
            "amount": Decimal(amount),
            "currency": cur,
            "date": day,
        }
        if owner:
            add_owned_by(db, "funding", owner, values)
        else:
            create_record(db, "funding", values)

    money("A2", "commitment", "cafund", "100000", "CNY", D(2011, 3, 1))
    money("A2", "disbursement", "cafund", "50000", "CNY", D(2011, 6, 1))
    money("A3", "in_kind", "asean_gov", "2000", "USD", D(2012, 3, 1), "LA")
    money("A5", "commitment", "china", "10000", "CNY", D(2012, 1, 15))
    money("A7", "commitment", "partners", "30000", "HKD", D(2012, 5, 1), "VN")
    money("A1", "commitment", "ppp", "500", "USD", D(2014, 1, 1))
    for year, rate in ((2011, "0.15"), (2012, "0.16")):
        create_record(
            db,
            "exchange_rate",
            {"year": year, "currency": "CNY", "reporting_currency": "USD", "rate": Decimal(rate)},
        )

    create_record(db, "green_envoy", {"person_uid": ids["P1"], "sector": "school", "year": 2011})
    create_record(db, "green_envoy", {"person_uid": ids["P1"], "sector": "school", "year": 2012})
    create_record(
        db, "green_envoy", {"person_uid": ids["P3"], "sector": "government", "year": 2012}
    )
    create_record(db, "green_envoy", {"person_uid": ids["P5"], "sector": "ngo", "year": 2014})
    add_owned_by(
        db, "green_envoy", "LA", {"person_uid": ids["P2"], "sector": "enterprise", "year": 2013}
    )
    return db, ids


@pytest.fixture(scope="module")
def report_db(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Database, dict[str, str]]]:
    """The hand-built database (read only: tests must not change it)."""
    db, ids = build_report_db(tmp_path_factory.mktemp("reports") / "sec.sqlite")
    yield db, ids
    db.close()
