"""Helpers for the sync tests: offices with records, and sending packages between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.store import Database
from app.sync.export import export_package
from app.sync.importer import ImportResult, apply_import, prepare_import


def add_sample_records(db: Database, tag: str = "") -> dict[str, Any]:
    """A small, awkward set of records owned by ``db``'s site: formulas, zeros, scripts, money."""
    site = db.site
    org = create_record(
        db,
        "organisation",
        {
            "name": f'=HYPERLINK("x"){tag}',
            "type": "ministry",
            "country": site,
            "name_local": "Bộ Tài nguyên",
        },
    )
    act = create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": f"Training on EIA {tag}",
            "title_local": "培训 ការបណ្តុះបណ្តាល",
            "type": "training",
            "status": "completed",
            "topic": "eia",
            "start_date": dt.date(2012, 3, 1),
            "end_date": dt.date(2012, 3, 5),
            "host_country": "CN",
            "countries": "VN KH LA",
            "notes": "+ first line\n- second line\t@end",
        },
    )
    person = create_record(
        db,
        "person",
        {
            "name": f"-Nguyen Van A{tag}",
            "name_local": "Nguyễn Văn A",
            "gender": "m",
            "country": site,
            "organisation_uid": org.uid,
            "phone": "0084 912 000 111",
            "consent": True,
        },
    )
    part = create_record(
        db,
        "participation",
        {
            "activity_uid": act.uid,
            "person_uid": person.uid,
            "role": "trainee",
            # Leading zeros must survive; the tag keeps one office's numbers distinct.
            "certificate": "00123" + tag.strip(),
        },
    )
    money = create_record(
        db,
        "funding",
        {
            "activity_uid": act.uid,
            "kind": "disbursement",
            "source": "cafund",
            "donor_uid": org.uid,
            "amount": "9999999999999.99",
            "currency": "CNY",
            "date": dt.date(2012, 2, 29),
        },
    )
    return {
        "organisation": org,
        "activity": act,
        "person": person,
        "participation": part,
        "funding": money,
    }


def send(
    src: Database, dst: Database, path: Path, *, to: str | None = None, full: bool = False
) -> ImportResult:
    """Export from ``src`` and import into ``dst``, confirming the sender's key."""
    export_package(src, path, to=to or dst.site, full=full)
    return receive(dst, path)


def receive(dst: Database, path: Path) -> ImportResult:
    """Import ``path`` into ``dst``, confirming the sender's fingerprint as an officer would."""
    prepared = prepare_import(dst, path)
    assert not prepared.preview.refused, [str(p) for p in prepared.preview.problems]
    assert prepared.preview.key is not None
    return apply_import(dst, prepared, trust=prepared.preview.key.fingerprint)


@pytest.fixture
def vn(make_db: Callable[..., Database]) -> Database:
    return make_db("VN")


@pytest.fixture
def kh(make_db: Callable[..., Database]) -> Database:
    return make_db("KH")


@pytest.fixture
def sec(make_db: Callable[..., Database]) -> Database:
    return make_db("SEC")


@pytest.fixture
def add_records() -> Callable[..., dict[str, Any]]:
    """``add_records(db, tag="")``: the sample records, owned by ``db``'s site."""
    return add_sample_records


@pytest.fixture
def send_package() -> Callable[..., ImportResult]:
    """``send_package(src, dst, path, to=None, full=False)``: export then import."""
    return send


@pytest.fixture
def receive_package() -> Callable[..., ImportResult]:
    """``receive_package(dst, path)``: import with the sender's key confirmed."""
    return receive
