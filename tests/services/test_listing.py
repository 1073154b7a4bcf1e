"""List queries: search, filters, sort, paging; export of rows; pickers."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import openpyxl
from sqlalchemy import insert

from app.models import Activity
from app.services.choices import choice_label, plan_item_choices, search_choices
from app.services.list_export import write_rows_xlsx
from app.services.listing import (
    UIDS_PER_QUERY,
    ListQuery,
    count_rows,
    fetch_rows,
    list_columns,
    list_uids,
    rows_by_uid,
)
from app.services.records import create_record, delete_record
from app.services.reference_data import plan_item_uid
from app.services.related import activity_participants, person_activities


def _activity(db, title, year, status="completed", item="2.5", **extra):
    return create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid(item),
            "title": title,
            "type": "training" if item == "2.5" else "meeting",
            "status": status,
            "start_date": f"{year}-05-01",
        }
        | extra,
    ).uid


def test_search_filter_sort_and_count(db) -> None:
    _activity(db, "EIA training", 2011)
    _activity(db, "Monitoring training", 2012, status="planned")
    dead = _activity(db, "Deleted training", 2012)
    delete_record(db, "activity", dead)
    assert count_rows(db, "activity") == 2
    assert count_rows(db, "activity", ListQuery(search="eia")) == 1
    assert count_rows(db, "activity", ListQuery(filters=(("year", "2012"),))) == 1
    assert count_rows(db, "activity", ListQuery(filters=(("status", "completed"),))) == 1
    rows = fetch_rows(db, "activity", ListQuery(sort="title", descending=True))
    keys = [c.key for c in list_columns("activity")]
    assert [r.values[keys.index("title")] for r in rows] == ["Monitoring training", "EIA training"]
    # A % in the search is a character, not a wildcard.
    assert count_rows(db, "activity", ListQuery(search="%")) == 0


def test_paging_is_stable(db) -> None:
    with db.session() as s:
        s.execute(
            insert(Activity),
            [
                {
                    "uid": f"00000000-0000-4000-8000-{i:012d}",
                    "owner": "VN",
                    "version": "1300000000000.000001.VN",
                    "deleted": False,
                    "item_uid": plan_item_uid("2.5"),
                    "title": f"Training {i % 7}",
                    # As every bulk write stores it (app.models.search_fold).
                    "search_fold": f"training {i % 7}",
                    "type": "training",
                    "status": "planned",
                }
                for i in range(1200)
            ],
        )
    query = ListQuery(sort="title")
    pages = [fetch_rows(db, "activity", query, offset, 500) for offset in (0, 500, 1000)]
    uids = [r.uid for page in pages for r in page]
    assert len(uids) == len(set(uids)) == 1200


def _many_activities(db, n: int) -> list[str]:
    uids = [f"00000000-0000-4000-8000-{i:012d}" for i in range(n)]
    # Not in id order, so a missing tie-break by id would show.
    random.Random(n).shuffle(uids)
    with db.session() as s:
        s.execute(
            insert(Activity),
            [
                {
                    "uid": uid,
                    "owner": "VN",
                    "version": "1300000000000.000001.VN",
                    "deleted": False,
                    "item_uid": plan_item_uid("2.5"),
                    "title": f"Training {i % 7}",
                    "search_fold": f"training {i % 7}",
                    "type": "training",
                    "status": "planned" if i % 3 else "completed",
                    "start_date": dt.date(2011 + i % 3, 1 + i % 12, 1),
                }
                for i, uid in enumerate(uids)
            ],
        )
    return uids


def test_list_uids_are_the_ids_of_the_rows_in_their_order(db) -> None:
    _many_activities(db, 60)
    _activity(db, "EIA training", 2011, host_country="KH")
    dead = _activity(db, "Deleted training", 2012)
    delete_record(db, "activity", dead)
    queries = [
        ListQuery(),
        ListQuery(sort="title"),
        ListQuery(sort="start_date", descending=True),
        ListQuery(sort="item", descending=True),  # a joined column
        ListQuery(sort="participants"),  # a subquery
        ListQuery(search="training 3", sort="title"),
        ListQuery(filters=(("status", "completed"),), sort="title", descending=True),
        ListQuery(search="zzq", sort="title"),
    ]
    for query in queries:
        uids = list_uids(db, "activity", query)
        assert uids == [r.uid for r in fetch_rows(db, "activity", query, 0, None)], query
        assert len(uids) == count_rows(db, "activity", query)
        assert dead not in uids
    titles = [r.values[1] for r in fetch_rows(db, "activity", ListQuery(sort="title"), 0, None)]
    assert titles == sorted(titles) and len(titles) == 61


def test_rows_by_uid_reads_any_number_of_rows(db) -> None:
    uids = _many_activities(db, UIDS_PER_QUERY * 2 + 7)
    dead = uids[5]
    delete_record(db, "activity", dead)
    every = {r.uid: r for r in fetch_rows(db, "activity", ListQuery(), 0, None)}
    rows = rows_by_uid(db, "activity", uids)
    assert len(rows) == len(uids) - 1 and dead not in rows
    assert rows == every
    assert rows_by_uid(db, "activity", [uids[9], "no-such-id"]) == {uids[9]: every[uids[9]]}
    assert rows_by_uid(db, "activity", []) == {}


def test_people_by_role_and_related_rows(db) -> None:
    activity = _activity(db, "EIA training", 2011)
    a = create_record(db, "person", {"name": "Lan", "country": "VN"}).uid
    create_record(db, "person", {"name": "Minh", "country": "VN"})
    create_record(
        db, "participation", {"activity_uid": activity, "person_uid": a, "role": "trainer"}
    )
    assert count_rows(db, "person", ListQuery(filters=(("role", "trainer"),))) == 1
    assert [r.name for r in activity_participants(db, activity)] == ["Lan"]
    assert [r.title for r in person_activities(db, a)] == ["EIA training"]
    assert search_choices(db, "person", "min")[0].label == "Minh (Viet Nam)"
    assert choice_label(db, "activity", activity).startswith("EIA training (")
    assert plan_item_choices(db)[0].label.startswith("1.1")


def test_export_keeps_formula_like_text_as_text(db, tmp_path) -> None:
    path = tmp_path / "rows.xlsx"
    n = write_rows_xlsx(
        path,
        "People",
        ["Name", "Date", "Amount"],
        [["=SUM(A1:A2)", dt.date(2012, 1, 2), Decimal("10.50")], ["+84 912", None, 3]],
    )
    assert n == 2
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A2"].value == "=SUM(A1:A2)" and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "+84 912"
    assert sheet["B2"].value == dt.datetime(2012, 1, 2)
    assert sheet["C2"].value == 10.5


def test_plan_item_choices_speak_the_users_language(db) -> None:
    from app.i18n import set_locale

    set_locale("km")
    try:
        labels = [c.label for c in plan_item_choices(db)]
    finally:
        set_locale("en")
    forum = next(label for label in labels if label.startswith("1.2"))
    # The plan data carries English and Chinese; Khmer comes from the catalogue.
    assert "Forum" not in forum and "វេទិកា" in forum, forum


def test_names_sort_without_regard_to_case_or_accents(db) -> None:
    """A Vietnamese office's list is not "Anh, Binh, Zung, Đặng, Ánh, bảo" (the bytes' order)."""
    for name in ("Zung", "Đặng Văn Hải", "bảo", "Ánh", "Binh", "Anh", "ĐINH Lan", "Duc"):
        create_record(db, "person", {"name": name, "country": "VN"})
    keys = [c.key for c in list_columns("person")]
    for descending in (False, True):
        query = ListQuery(sort="name", descending=descending)
        names = [r.values[keys.index("name")] for r in fetch_rows(db, "person", query)]
        expected = ["Anh", "Ánh", "bảo", "Binh", "Đặng Văn Hải", "ĐINH Lan", "Duc", "Zung"]
        assert names == (expected[::-1] if descending else expected)
        # Row i of the list is the i-th id, sorted the same way.
        assert list_uids(db, "person", query) == [r.uid for r in fetch_rows(db, "person", query)]
