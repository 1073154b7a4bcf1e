"""Search without accents, case or width, in every list and picker, on every write path."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.demo import generate_demo
from app.models import model_of
from app.models.search_fold import SEARCH_COLUMN, record_search_text, search_fields
from app.reports.activity_sheet import activity_choices
from app.services.choices import search_choices
from app.services.listing import ListQuery, count_rows, fetch_rows, list_columns
from app.services.records import create_record, update_record
from app.services.reference_data import plan_item_uid
from app.store import Database, open_database
from app.sync.export import export_package
from app.sync.importer import apply_import, prepare_import

HUONG = "Nguyễn Thị Thu Hương"
TYPED = ["huong", "HUONG", "Hương", "nguyen thi", "ＨＵＯＮＧ", "  Nguyen   THI  "]
FIXTURES = Path(__file__).parents[1] / "store" / "fixtures"
SEARCHABLE = ("activity", "organisation", "person", "green_envoy", "funding")


def _names(db: Database, kind: str, text: str) -> list[str]:
    key = {"activity": "title"}.get(kind, list_columns(kind)[0].key)
    at = [c.key for c in list_columns(kind)].index(key)
    return [r.values[at] for r in fetch_rows(db, kind, ListQuery(search=text))]


@pytest.fixture
def people(db: Database) -> Database:
    org = create_record(
        db,
        "organisation",
        {"name": "Viện Khoa học Môi trường", "type": "research", "country": "VN"},
    )
    for name in (HUONG, "Đặng Văn Lâm", "Trần Văn Minh"):
        create_record(db, "person", {"name": name, "country": "VN", "organisation_uid": org.uid})
    return db


@pytest.mark.parametrize("typed", TYPED)
def test_the_people_list_finds_huong_however_it_is_typed(people: Database, typed: str) -> None:
    assert _names(people, "person", typed) == [HUONG]
    assert count_rows(people, "person", ListQuery(search=typed)) == 1


@pytest.mark.parametrize("typed", TYPED)
def test_the_person_picker_finds_huong_however_it_is_typed(people: Database, typed: str) -> None:
    assert [c.label for c in search_choices(people, "person", typed)] == [f"{HUONG} (Viet Nam)"]


def test_dang_finds_dang_with_a_stroke(people: Database) -> None:
    for typed in ("dang", "DANG", "Đặng", "đang"):
        assert _names(people, "person", typed) == ["Đặng Văn Lâm"], typed
        assert len(search_choices(people, "person", typed)) == 1


def test_the_organisation_is_found_and_finds_its_people(people: Database) -> None:
    assert _names(people, "organisation", "vien khoa hoc") == ["Viện Khoa học Môi trường"]
    assert len(search_choices(people, "organisation", "MOI TRUONG")) == 1
    # The people list searches the organisation's name too, as before.
    assert len(_names(people, "person", "moi truong")) == 3


def test_activities_envoys_and_funding_search_folded(db: Database) -> None:
    act = create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": "Tập huấn ĐTM cho cán bộ",
            "type": "training",
            "status": "completed",
            "start_date": "2012-03-05",
            "city": "Hà Nội",
        },
    )
    who = create_record(db, "person", {"name": "Lê Thị Hồng", "country": "VN"})
    create_record(
        db,
        "green_envoy",
        {"person_uid": who.uid, "sector": "school", "year": 2012, "notes": "Trường Đại học"},
    )
    create_record(
        db,
        "funding",
        {
            "activity_uid": act.uid,
            "kind": "commitment",
            "source": "cafund",
            "amount": "1000",
            "date": "2012-03-01",
            "currency": "USD",
            "notes": "Quỹ hợp tác",
        },
    )
    assert _names(db, "activity", "tap huan dtm") == ["Tập huấn ĐTM cho cán bộ"]
    assert _names(db, "activity", "ha noi") == ["Tập huấn ĐTM cho cán bộ"]  # the city
    assert [c.uid for c in search_choices(db, "activity", "TAP HUAN")] == [act.uid]
    assert [uid for uid, _label in activity_choices(db, "dtm")] == [act.uid]  # Reports page
    assert count_rows(db, "green_envoy", ListQuery(search="le thi hong")) == 1  # the person
    assert count_rows(db, "green_envoy", ListQuery(search="dai hoc")) == 1  # the notes
    assert count_rows(db, "funding", ListQuery(search="quy hop tac")) == 1
    assert count_rows(db, "funding", ListQuery(search="tap huan")) == 1  # the activity


def test_a_changed_name_is_found_by_its_new_spelling_only(people: Database) -> None:
    uid = search_choices(people, "person", "huong")[0].uid
    update_record(people, "person", uid, {"name": "Phạm Thị Thu Hà"})
    assert search_choices(people, "person", "huong") == []
    assert [c.uid for c in search_choices(people, "person", "pham thi")] == [uid]


def _stored_agrees_with_fields(path: Path) -> int:
    """How many searchable rows the file holds; each one's search_fold must match its fields."""
    seen = 0
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        for kind in SEARCHABLE:
            model = model_of(kind)
            names = ", ".join(search_fields(model))
            table = model.__tablename__
            for row in conn.execute(f"SELECT {names}, {SEARCH_COLUMN} FROM {table}"):
                assert row[SEARCH_COLUMN] == record_search_text(model, dict(row)), dict(row)
                seen += 1
    return seen


def test_demo_records_are_findable_without_accents(db: Database) -> None:
    generate_demo(db, size=300, seed=3)
    assert _stored_agrees_with_fields(db.path) > 100
    with closing(sqlite3.connect(db.path)) as conn:
        accented = (
            conn.execute(
                "SELECT name FROM person WHERE name <> name_local AND name_local LIKE '%ư%' LIMIT 1"
            ).fetchone()
            or conn.execute("SELECT name FROM person LIMIT 1").fetchone()
        )
    assert count_rows(db, "person", ListQuery(search=accented[0].upper())) >= 1


def test_an_imported_package_is_findable_without_accents(make_db, tmp_path: Path) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    create_record(vn, "person", {"name": HUONG, "country": "VN"})
    create_record(vn, "organisation", {"name": "Bộ Tài nguyên", "type": "ministry"})
    export_package(vn, tmp_path / "vn.xlsx", to="SEC")
    prepared = prepare_import(sec, tmp_path / "vn.xlsx")
    assert prepared.preview.key is not None
    apply_import(sec, prepared, trust=prepared.preview.key.fingerprint)
    assert _names(sec, "person", "nguyen thi thu huong") == [HUONG]
    assert len(search_choices(sec, "organisation", "bo tai nguyen")) == 1
    # A newer version of the record arrives: the stored text follows it.
    uid = search_choices(vn, "person", "huong")[0].uid
    update_record(vn, "person", uid, {"name": "Nguyễn Thị Thu Hằng"})
    export_package(vn, tmp_path / "vn2.xlsx", to="SEC", full=True)
    again = prepare_import(sec, tmp_path / "vn2.xlsx")
    assert again.preview.key is not None
    apply_import(sec, again, trust=again.preview.key.fingerprint)
    assert _names(sec, "person", "thu hang") == ["Nguyễn Thị Thu Hằng"]
    assert _names(sec, "person", "thu huong") == []


def test_a_first_release_database_gets_the_column_filled(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    path.write_bytes(gzip.decompress((FIXTURES / "release-1-sec.sqlite.gz").read_bytes()))
    shutil.copy(FIXTURES / "release-1-sec.sqlite.key", tmp_path / "office.sqlite.key")
    with closing(sqlite3.connect(path)) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(person)")}
    assert SEARCH_COLUMN not in columns  # the first release had no such column
    db = open_database(path)
    try:
        # Its Vietnamese trainee, typed in capitals with the accents of the other spelling.
        assert count_rows(db, "person", ListQuery(search="NGUYỄN THÙY THẢO")) == 1
        assert len(search_choices(db, "person", "phan hồng")) == 1
    finally:
        db.close()
    assert _stored_agrees_with_fields(path) >= 166
