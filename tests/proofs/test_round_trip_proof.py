"""Random databases exported and imported into an empty one give an identical dump.

Also: the dry run's summary is the real import's summary.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sites import dump, examples, trust_each_other

from app.errors import ValidationError
from app.services.office import init_office
from app.services.records import create_record, delete_record, update_record
from app.services.reference_data import plan_item_uid
from app.store.site_keys import own_key_info
from app.sync.export import export_package
from app.sync.importer import import_package
from app.sync.sequences import PackageAlreadyImported
from app.sync.signing import pin_key

_counter = itertools.count()

# Any Unicode a person can type or paste: every plane, combining marks, RTL, emoji, and
# what a workbook cannot keep as it is (CR LF, controls, U+FFFE, _xHHHH_), which the
# rules either keep exactly through the package or refuse when it is typed.
TYPED = st.characters(codec="utf-8")
ODD = st.sampled_from(
    ["x_x005F_y", "_x005F_", "_x0041_", "_x005F_x0041_", "_xa_", "a\r\nb", "a\rb", "a\ufffeb"]
    + ["n\x00m", "t\x0bv", "e\u0301", "\U0001f469\u200d\U0001f52c", "\u1780\u17d2\u179a"]
)


def text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(TYPED, min_size=min_size, max_size=min(max_size, 40)),
        st.sampled_from(["=1+1", "+84 912", "-x", "@sum", "0012", "  padded  "]),
        st.lists(ODD, min_size=1, max_size=4).map(" ".join),
        st.just("字" * max_size),  # the maximal value, in a wide script
    )


LONG_DIGITS = st.from_regex(r"\A0[0-9]{10,40}\Z", fullmatch=True)
DATES = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31))
MONEY = st.decimals(
    min_value=Decimal("-9999999999999.99"),
    max_value=Decimal("9999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@st.composite
def office_content(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "orgs": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": text(300, 1),
                        "name_local": text(300),
                        "abbreviation": text(40),
                        "type": st.sampled_from(["ministry", "ngo", "school"]),
                        "website": text(300),
                    }
                ),
                min_size=1,
                max_size=3,
            )
        ),
        "people": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": text(200, 1),
                        "phone": st.one_of(LONG_DIGITS.map(lambda s: s[:60]), text(60)),
                        "email": text(200),
                        "gender": st.sampled_from([None, "f", "m", "x"]),
                        "consent": st.booleans(),
                    }
                ),
                max_size=4,
            )
        ),
        "notes": draw(st.one_of(st.just("n" * 32767), text(2000))),
        "dates": draw(st.tuples(DATES, DATES)),
        "money": draw(st.lists(MONEY, max_size=3)),
        "certificate": draw(LONG_DIGITS.map(lambda s: s[:60])),
        "delete": draw(st.booleans()),
        "edit": draw(text(300, 1)),
    }


def _make(db, kind: str, values: dict[str, Any]):
    try:
        return create_record(db, kind, values)
    except ValidationError:
        return None  # values our own validation refuses are not part of the round trip


def _fill(db, content: dict[str, Any]) -> None:
    orgs = [
        o
        for o in (_make(db, "organisation", v | {"country": db.site}) for v in content["orgs"])
        if o
    ]
    people = [
        p
        for p in (
            _make(
                db,
                "person",
                v | {"country": db.site, "organisation_uid": orgs[0].uid if orgs else None},
            )
            for v in content["people"]
        )
        if p
    ]
    start, end = sorted(content["dates"])
    activity = _make(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": "T",
            "type": "training",
            "status": "completed",
            "start_date": start,
            "end_date": end,
            "notes": content["notes"],
            "countries": "VN KH",
        },
    )
    assert activity is not None
    for amount in content["money"]:
        _make(
            db,
            "funding",
            {
                "activity_uid": activity.uid,
                "kind": "disbursement",
                "source": "cafund",
                "amount": amount,
                "currency": "USD",
                "date": start,
            },
        )
    for person in people:
        _make(
            db,
            "participation",
            {
                "activity_uid": activity.uid,
                "person_uid": person.uid,
                "role": "trainee",
                "certificate": content["certificate"],
            },
        )
    if orgs:
        try:
            update_record(db, "organisation", orgs[0].uid, {"name": content["edit"]})
        except ValidationError:
            pass
    if content["delete"] and people:
        delete_record(db, "person", people[-1].uid)


@examples(short=6, long=200)
@given(content=office_content())
def test_any_database_round_trips_to_an_identical_dump(tmp_path: Path, content) -> None:
    n = next(_counter)
    vn = init_office(tmp_path / f"vn{n}.sqlite", "VN")
    sec = init_office(tmp_path / f"sec{n}.sqlite", "SEC")
    try:
        trust_each_other(vn, sec)
        _fill(vn, content)
        package = tmp_path / f"p{n}.xlsx"
        export_package(vn, package, to="SEC", full=True)
        dry = import_package(sec, package, dry_run=True)
        real = import_package(sec, package)
        assert real.applied and not dry.applied
        assert dry.preview.to_dict() == real.preview.to_dict()
        assert dump(sec) == dump(vn)
    finally:
        vn.close()
        sec.close()


def test_dry_run_summary_equals_the_real_import(tmp_path: Path, make_db) -> None:
    """New, updated, unchanged and older counts agree, on a package that has all four."""
    vn, sec = make_db("VN"), make_db("SEC")
    trust_each_other(vn, sec)
    orgs = [create_record(vn, "organisation", {"name": f"O{i}", "type": "ngo"}) for i in range(4)]
    first = tmp_path / "first.xlsx"
    export_package(vn, first, to="SEC", full=True)
    update_record(vn, "organisation", orgs[0].uid, {"name": "changed"})
    create_record(vn, "organisation", {"name": "new", "type": "ngo"})
    second = tmp_path / "second.xlsx"
    export_package(vn, second, to="SEC", full=True)
    import_package(sec, first)
    before = dump(sec)
    dry = import_package(sec, second, dry_run=True)
    assert dump(sec) == before
    real = import_package(sec, second)
    assert dry.preview.to_dict() == real.preview.to_dict()
    totals = real.preview.to_dict()["totals"]
    assert totals["new"] >= 1 and totals["updated"] == 1 and totals["unchanged"] >= 3
    # The first again is recognised as already imported; at an office that has only the
    # second, it is an older package: the dry run says "older", the import agrees.
    with pytest.raises(PackageAlreadyImported):
        import_package(sec, first, dry_run=True)
    late = make_db("SEC")
    with late.session() as session:
        pin_key(session, "VN", own_key_info(vn).public_key)
    import_package(late, second)
    dry_old = import_package(late, first, dry_run=True)
    real_old = import_package(late, first)
    assert dry_old.preview.to_dict() == real_old.preview.to_dict()
    assert real_old.preview.to_dict()["totals"]["older"] == 1
    assert dump(sec) == dump(vn) == dump(late)
