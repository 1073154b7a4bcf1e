"""Every refusal names its sheet, row and column, and a refused import changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app.services.dump import dump_json
from app.sync.errors import PackageRefused
from app.sync.export import export_package
from app.sync.importer import import_package
from app.sync.layout import KEY_ROW, SCHEMA_VERSION

Book = openpyxl.Workbook


def _cell(book: Book, sheet: str, key: str, row: int = 3):  # type: ignore[no-untyped-def]
    ws = book[sheet]
    keys = [c.value for c in ws[KEY_ROW + 1]]
    return ws.cell(row=row, column=keys.index(key) + 1)


def _manifest_cell(book: Book, key: str):  # type: ignore[no-untyped-def]
    for row in book["Manifest"].iter_rows():
        if row[0].value == key:
            return row[1]
    raise KeyError(key)


def _set(sheet: str, key: str, value: object) -> Callable[[Book], None]:
    def mutate(book: Book) -> None:
        _cell(book, sheet, key).value = value

    return mutate


def _set_manifest(key: str, value: str) -> Callable[[Book], None]:
    def mutate(book: Book) -> None:
        _manifest_cell(book, key).value = value

    return mutate


def _drop_sheet(book: Book) -> None:
    del book["People"]


def _drop_column(book: Book) -> None:
    ws = book["People"]
    keys = [c.value for c in ws[KEY_ROW + 1]]
    ws.delete_cols(keys.index("phone") + 1)


def _letter(book_path: Path, sheet: str, key: str) -> str:
    book = openpyxl.load_workbook(book_path)
    return _cell(book, sheet, key).column_letter


CASES = [
    # (id, mutation, words in the message, (sheet, row, key) of the problem or None)
    (
        "changed value",
        _set("People", "name", "Someone Else"),
        "changed after export",
        ("People", 3, "name"),
    ),
    ("unknown code", _set("People", "gender", "q"), "unknown code", ("People", 3, "gender")),
    ("required", _set("People", "name", None), "required", ("People", 3, "name")),
    ("wrong type", _set("Funding", "amount", "a lot"), "not a number", ("Funding", 3, "amount")),
    ("bad date", _set("Funding", "date", "31/31/2012"), "not a date", ("Funding", 3, "date")),
    (
        "reference",
        _set("People", "organisation_uid", str(uuid.uuid4())),
        "no organisation with id",
        ("People", 3, "organisation_uid"),
    ),
    ("owner scope", _set("People", "owner", "KH"), "belongs to KH", ("People", 3, "owner")),
    ("reference data scope", None, None, None),  # placeholder replaced below
    (
        "newer schema",
        _set_manifest("schema_version", str(SCHEMA_VERSION + 1)),
        "update the program",
        ("Manifest", 2, None),
    ),
    (
        "far-future schema",
        _set_manifest("schema_version", "999999"),
        "made by a newer version of ACEC Tracker (format 999999); update the program",
        ("Manifest", 2, None),
    ),
    ("missing sheet", _drop_sheet, "missing", ("People", None, None)),
    ("missing column", _drop_column, "is missing", ("People", 2, None)),
    (
        "manifest changed",
        _set_manifest("created", "2011-01-01T00:00:00"),
        "manifest was changed",
        ("Manifest", None, None),
    ),
    ("recipient changed", _set_manifest("recipient", "KH"), "is for KH", None),
    ("bad signature", _set_manifest("signature.signature", "ab" * 64), "Bad signature", None),
]
CASES = [c for c in CASES if c[1] is not None]


@pytest.mark.parametrize(("name", "mutate", "words", "where"), CASES, ids=[c[0] for c in CASES])
def test_refusal_is_located_and_changes_nothing(
    name: str,
    mutate: Callable[[Book], None],
    words: str,
    where: tuple[str, int | None, str | None] | None,
    vn,
    sec,
    tmp_path: Path,
    add_records,
) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    letter = _letter(path, where[0], where[2]) if where and where[2] else None
    book = openpyxl.load_workbook(path)
    mutate(book)
    book.save(path)
    before = dump_json(sec)
    with pytest.raises(PackageRefused) as caught:
        import_package(sec, path)
    error = caught.value
    everything = error.message + " | " + " | ".join(str(p) for p in error.problems)
    assert words in everything
    if where is not None:
        sheet, row, _key = where
        located = [p for p in error.problems if words in p.message or words in error.message]
        assert any(p.sheet == sheet for p in located), everything
        if row is not None:
            assert any(p.sheet == sheet and p.row == row for p in located), everything
        if letter is not None:
            match = [p for p in located if p.sheet == sheet and p.row == row]
            assert any((p.column or "").startswith(letter + " ") for p in match), everything
            assert f"sheet {sheet}, row {row}, column {letter} (" in everything
    assert dump_json(sec) == before


def test_secretariat_kinds_must_come_from_the_secretariat(
    vn, sec, kh, tmp_path: Path, add_records, send_package
) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(sec, path, to="VN", full=True)
    book = openpyxl.load_workbook(path)
    _cell(book, "Plan items", "owner").value = "KH"
    book.save(path)
    with pytest.raises(PackageRefused) as caught:
        import_package(vn, path)
    assert any(
        "kept by the joint secretariat" in p.message and p.sheet == "Plan items" and p.row == 3
        for p in caught.value.problems
    )


def test_not_a_package(sec, tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    book.save(path)
    before = dump_json(sec)
    with pytest.raises(PackageRefused, match="not a sync package"):
        import_package(sec, path)
    assert dump_json(sec) == before


def test_own_package_and_wrong_office(vn, kh, tmp_path: Path, add_records) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    with pytest.raises(PackageRefused, match="made by this office"):
        import_package(vn, path)
    with pytest.raises(PackageRefused, match="is for SEC, not for this office"):
        import_package(kh, path)


def test_missing_file(sec, tmp_path: Path) -> None:
    with pytest.raises(PackageRefused, match="no file"):
        import_package(sec, tmp_path / "nothing.xlsx")


def test_resaved_by_openpyxl_still_verifies(
    vn, sec, tmp_path: Path, add_records, receive_package
) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    book = openpyxl.load_workbook(path)
    book.save(tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() != path.read_bytes()
    result = receive_package(sec, tmp_path / "again.xlsx")
    assert result.applied and result.preview.changes == 5
    owned = [r for r in __import__("json").loads(dump_json(sec))["person"] if r["owner"] == "VN"]
    assert owned == [r for r in __import__("json").loads(dump_json(vn))["person"]]


def test_refused_import_is_logged_but_records_untouched(
    vn, sec, tmp_path: Path, add_records
) -> None:
    from app.sync.history import package_history

    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    book = openpyxl.load_workbook(path)
    _cell(book, "People", "gender").value = "q"
    book.save(path)
    with pytest.raises(PackageRefused):
        import_package(sec, path)
    entry = package_history(sec)[0]
    assert (
        entry.outcome == "refused" and entry.peer == "VN" and "unknown code" in (entry.reason or "")
    )


def test_rules_across_fields_hold_for_imported_records(vn, sec, tmp_path: Path) -> None:
    """A record the sender's own forms would refuse is refused on import too."""
    import datetime as dt

    from app.models import Activity
    from app.services.reference_data import plan_item_uid

    with vn.session() as session:  # written past the services, as a buggy program might
        session.add(
            Activity(
                uid=str(uuid.uuid4()),
                owner="VN",
                version="1795496223302.000000.VN",
                deleted=False,
                item_uid=plan_item_uid("2.5"),
                title="Backwards training",
                type="training",
                status="completed",
                start_date=dt.date(2012, 5, 10),
                end_date=dt.date(2012, 5, 1),
            )
        )
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    before = dump_json(sec)
    with pytest.raises(PackageRefused) as caught:
        import_package(sec, path)
    assert any(
        p.message == "the end date is before the start date"
        and p.sheet == "Activities"
        and p.row == 3
        and p.column is not None
        and "End date" in p.column
        for p in caught.value.problems
    )
    assert dump_json(sec) == before


def test_a_package_cannot_hand_a_record_to_another_office(
    vn, kh, sec, tmp_path: Path, send_package, receive_package
) -> None:
    """Single writer: a record stored under one owner is never taken over by another.

    The id is a legacy one (it names no owner), so the rest of the package is
    applied and the claim on the id is held back and reported.
    """
    from app.services.records import create_record

    legacy = str(uuid.uuid4())
    create_record(vn, "organisation", {"name": "VN ministry", "type": "ministry"}, uid=legacy)
    send_package(vn, sec, tmp_path / "vn.xlsx")
    create_record(kh, "organisation", {"name": "Forged", "type": "ngo"}, uid=legacy)
    create_record(kh, "organisation", {"name": "KH ministry", "type": "ministry"})
    result = send_package(kh, sec, tmp_path / "kh.xlsx")
    assert any(
        "held here by a record of Viet Nam" in n.message
        and n.sheet == "Organisations"
        and n.row is not None
        for n in result.preview.withheld
    )
    from sqlalchemy import select

    from app.models import Organisation

    with sec.read_session() as session:
        names = {o.name: o.owner for o in session.scalars(select(Organisation))}
    assert names["VN ministry"] == "VN" and names["KH ministry"] == "KH"
    assert "Forged" not in names
