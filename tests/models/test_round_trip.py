"""Every record kind survives a save and a load with every field intact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from app.models import Activity, Funding, Person, fields_of
from app.services.records import new_uid
from app.services.reference_data import plan_item_uid


def test_activity_person_funding_round_trip(db) -> None:
    activity = Activity(
        uid=new_uid("VN"),
        owner="VN",
        version="1795496223302.000000.VN",
        deleted=False,
        item_uid=plan_item_uid("2.5"),
        title="Tập huấn ĐTM",
        title_local="Tập huấn",
        type="training",
        status="completed",
        topic="eia",
        start_date=dt.date(2012, 5, 2),
        end_date=dt.date(2012, 5, 9),
        host_country="CN",
        city="Nanning",
        countries="KH LA VN",
        notes="=not a formula",
    )
    person = Person(
        uid=new_uid("VN"),
        owner="VN",
        version="1795496223303.000000.VN",
        deleted=False,
        name="Nguyen Thi Lan",
        name_local="Nguyễn Thị Lan",
        gender="f",
        country="VN",
        phone="0084 24 1234",
        consent=True,
        category="official",
    )
    funding = Funding(
        uid=new_uid("VN"),
        owner="VN",
        version="1795496223304.000000.VN",
        deleted=False,
        activity_uid=activity.uid,
        kind="commitment",
        source="cafund",
        amount=Decimal("1234567890123.45"),
        currency="USD",
        date=dt.date(2012, 1, 1),
    )
    with db.session() as session:
        session.add_all([activity, person, funding])
    with db.read_session() as session:
        for original in (activity, person, funding):
            loaded = session.scalars(
                select(type(original)).where(type(original).uid == original.uid)
            ).one()
            for spec in fields_of(type(original).__kind__):
                assert getattr(loaded, spec.name) == getattr(original, spec.name), spec.name
