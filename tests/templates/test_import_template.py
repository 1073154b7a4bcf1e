"""``acec import-template FILE``: filled templates become this office's records, or nothing does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.services.records import create_record, list_records
from app.store import open_database
from app.store.backup import list_backups
from tests.libreoffice import convert, needs_libreoffice
from tests.templates.filling import blank_template, fill, init_office


def _records(db_path: str, kind: str) -> list:
    db = open_database(Path(db_path))
    try:
        return list_records(db, kind)
    finally:
        db.close()


def _run(capsys, *argv: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


ACTIVITY_ROWS = [
    {
        "item_uid": "2.5  Capacity-building training",
        "title": "  EIA training, Nanning ",
        "type": "Training",
        "status": "planned",
        "start_date": "2012-3-5",
        "end_date": dt.datetime(2012, 3, 9),
        "host_country": "中国",
        "countries": "Viet Nam, Cambodia, Lao PDR",
    },
    {
        "item_uid": "1.2",
        "title": "Forum 2011",
        "type": "Forum",
        "status": "Completed",
        "start_date": "21/10/2011",
        "host_country": "China",
    },
]


def test_a_filled_template_imports_after_a_dry_run_and_a_backup(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    filled = fill(blank_template(db, tmp_path, "activities"), ACTIVITY_ROWS, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled), "--dry-run")
    assert code == 0, data
    assert (data["new"], data["refused"], data["examples_skipped"]) == (2, 0, 2)
    assert _records(db, "activity") == [] and list_backups(Path(db), "template") == []
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 0 and data["applied"] and Path(data["backup"]).exists()
    by_title = {r["title"]: r for r in _records(db, "activity")}
    eia = by_title["EIA training, Nanning"]
    assert eia.owner == "VN"
    assert (eia["start_date"], eia["end_date"]) == (dt.date(2012, 3, 5), dt.date(2012, 3, 9))
    assert (eia["host_country"], eia["countries"]) == ("CN", "KH LA VN")
    assert by_title["Forum 2011"]["start_date"] == dt.date(2011, 10, 21)  # 21 cannot be a month


def test_reordered_columns_and_translated_headers_still_import(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    blank = blank_template(db, tmp_path, "activities")
    book = load_workbook(blank)
    sheet = book.worksheets[1]
    keys = [c.value for c in sheet[3]]
    order = list(reversed(range(len(keys))))  # every column moved
    for col, source in enumerate(order, start=1):
        sheet.cell(row=2, column=col, value=f"列 {source}")  # headers in another language
        sheet.cell(row=3, column=col, value=keys[source])
        for row in (4, 5):
            sheet.cell(row=row, column=col).value = None
    book.save(tmp_path / "moved.xlsx")
    filled = fill(tmp_path / "moved.xlsx", ACTIVITY_ROWS[:1], tmp_path / "f.xlsx", first_row=4)
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 0, data["problems"]
    assert data["new"] == 1
    assert _records(db, "activity")[0]["title"] == "EIA training, Nanning"


def test_rows_with_an_id_update_this_offices_record(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    handle = open_database(Path(db))
    try:
        lan = create_record(handle, "person", {"name": "Nguyen Thi Lan", "country": "VN"})
        same = create_record(handle, "person", {"name": "Le Van B", "country": "VN"})
    finally:
        handle.close()
    rows = [
        {"uid": f" {lan.uid.upper()} ", "position": "Director", "gender": "Nữ"},
        {"uid": same.uid, "name": "Le Van B"},
        {"name": "Tran C", "country": "vn", "gender": "男", "consent": "yes"},
    ]
    filled = fill(blank_template(db, tmp_path, "people"), rows, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 0, data
    assert (data["new"], data["updated"], data["unchanged"]) == (1, 1, 1)
    outcomes = {r["row"]: (r["outcome"], r["uid"]) for r in data["rows"]}
    assert outcomes[6] == ("updated", lan.uid) and outcomes[7] == ("unchanged", same.uid)
    assert outcomes[8][0] == "new"
    people = {r["name"]: r for r in _records(db, "person")}
    assert people["Nguyen Thi Lan"]["position"] == "Director"
    assert people["Nguyen Thi Lan"]["gender"] == "f"
    assert people["Tran C"]["gender"] == "m" and people["Tran C"]["consent"] is True


def test_a_refused_import_names_every_problem_and_changes_nothing(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    rows = [
        {"name": "Good Row", "country": "VN"},
        {"name": "Bad Country", "country": "France"},
        {"name": "", "country": "KH", "gender": "maybe"},
        {"uid": "0" * 8 + "-0000-4000-8000-" + "0" * 12, "name": "Nobody"},
    ]
    filled = fill(blank_template(db, tmp_path, "people"), rows, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 1 and data["ok"] is False
    problems = data["problems"]
    where = {(p["row"], (p["column"] or "").split(" ")[0]) for p in problems}
    assert (
        7,
        "F",
    ) in where  # the country of row 7 (column F: example, id, name, local, gender, country)
    assert (8, "E") in where  # gender "maybe"
    assert any(p["row"] == 8 and "required" in p["message"] for p in problems)  # no name
    assert any(p["row"] == 9 and "no person" in p["message"] for p in problems)
    assert all(p["sheet"] == "People" for p in problems)
    assert data["refused"] == 3 and data["new"] == 1
    assert _records(db, "person") == []
    assert list_backups(Path(db), "template") == []


def test_an_ambiguous_date_is_refused_saying_why(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    rows = [ACTIVITY_ROWS[0] | {"start_date": "05/03/2012"}]
    filled = fill(blank_template(db, tmp_path, "activities"), rows, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 1
    [problem] = data["problems"]
    assert "could be March 5, 2012 or May 3, 2012" in problem["message"]
    assert "2012-03-05" in problem["message"]
    # In Vietnamese the day comes first: the same text is 5 March.
    code, data = _run(capsys, "--db", db, "--lang", "vi", "--json", "import-template", str(filled))
    assert code == 0, data
    assert _records(db, "activity")[0]["start_date"] == dt.date(2012, 3, 5)


def test_a_registration_list_adds_people_and_their_participation(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    handle = open_database(Path(db))
    try:
        item = next(r.uid for r in list_records(handle, "plan_item") if r["code"] == "2.5")
        activity = create_record(
            handle,
            "activity",
            {"item_uid": item, "title": "EIA training", "type": "training", "status": "planned"},
        )
    finally:
        handle.close()
    blank = blank_template(db, tmp_path, "people", "--activity", activity.uid)
    rows = [
        {"name": "Sok Dara", "country": "Cambodia", "participation.role": "Trainer"},
        {"name": "Lan", "country": "VN", "participation.completed": "Yes"},
    ]
    filled = fill(blank, rows, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 0, data
    assert data["activity"] == "EIA training" and data["new"] == 2
    parts = {p["person_uid"]: p for p in _records(db, "participation")}
    people = {p["name"]: p.uid for p in _records(db, "person")}
    assert parts[people["Sok Dara"]]["role"] == "trainer"
    assert parts[people["Lan"]]["role"] == "trainee"  # a training's default
    assert parts[people["Lan"]]["completed"] is True
    assert {p["activity_uid"] for p in parts.values()} == {activity.uid}


def test_a_sync_package_or_a_foreign_workbook_is_told_apart_by_content(
    tmp_path: Path, capsys
) -> None:
    db = init_office(tmp_path)
    package = tmp_path / "template-looking-name.xlsx"
    assert main(["--db", db, "export", "--out", str(package), "--to", "SEC"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import-template", str(package)]) == 1
    assert "sync package" in capsys.readouterr().err
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Name", "Country"])
    book.save(tmp_path / "list.xlsx")
    assert main(["--db", db, "import-template", str(tmp_path / "list.xlsx")]) == 1
    assert "not a template" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"name,country\nA,VN\n", b"PK\x03\x04broken"])
def test_hostile_or_broken_files_are_refused_cleanly(tmp_path: Path, capsys, content) -> None:
    db = init_office(tmp_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    capsys.readouterr()
    assert main(["--db", db, "import-template", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("acec: ") and "Traceback" not in err


def test_a_template_import_is_undone_by_acec_restore(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    filled = fill(blank_template(db, tmp_path, "activities"), ACTIVITY_ROWS, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 0 and len(_records(db, "activity")) == 2
    code, undone = _run(capsys, "--db", db, "--json", "restore")
    assert code == 0 and undone["backup"] == data["backup"]
    assert undone["file"].endswith("f.xlsx")
    assert _records(db, "activity") == []


def test_a_formula_cell_is_refused_with_a_templates_advice(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    rows = [{"name": '=UPPER("lan")', "country": "VN"}]
    filled = fill(blank_template(db, tmp_path, "people"), rows, tmp_path / "f.xlsx")  # a formula
    capsys.readouterr()
    assert main(["--db", db, "import-template", str(filled)]) == 1
    err = capsys.readouterr().err
    assert "row 6: a cell holds a formula" in err and "paste them as values" in err
    assert "export the package again" not in err


@needs_libreoffice
def test_a_template_filled_and_saved_in_libreoffice_imports(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    filled = fill(blank_template(db, tmp_path, "activities"), ACTIVITY_ROWS, tmp_path / "f.xlsx")
    resaved = convert(filled, tmp_path / "calc") / "f.xlsx"
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(resaved))
    assert code == 0, data.get("problems")
    assert (data["new"], data["examples_skipped"]) == (2, 2)
    eia = next(r for r in _records(db, "activity") if r["title"] == "EIA training, Nanning")
    assert eia["end_date"] == dt.date(2012, 3, 9) and eia["countries"] == "KH LA VN"


def test_an_import_cancelled_midway_changes_nothing_and_leaves_no_backup(
    tmp_path: Path, capsys
) -> None:
    from app.errors import Cancelled
    from app.services.template_import import apply_template_import, prepare_template_import

    db = init_office(tmp_path)
    rows = [{"name": f"Person {n}", "country": "VN"} for n in range(120)]
    filled = fill(blank_template(db, tmp_path, "people"), rows, tmp_path / "f.xlsx")
    handle = open_database(Path(db))
    try:
        prepared = prepare_template_import(handle, filled)
        seen: list[int] = []

        def cancel_at_100(done: int, total: int, message: str) -> None:
            seen.append(done)
            if done >= 100:
                raise Cancelled()

        with pytest.raises(Cancelled):
            apply_template_import(handle, prepared, cancel_at_100)
        assert seen == [0, 50, 100] and list_records(handle, "person") == []
        assert list_backups(Path(db), "template") == []
    finally:
        handle.close()


def test_dates_are_read_in_the_templates_own_language_when_it_settles_them(
    tmp_path: Path, capsys
) -> None:
    db = init_office(tmp_path)
    rows = [ACTIVITY_ROWS[0] | {"start_date": "05/03/2012", "end_date": None}]
    blank = blank_template(db, tmp_path, "activities", lang="vi")  # filled by a Vietnamese reader
    filled = fill(blank, rows, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))  # in English
    assert code == 0, data.get("problems")
    assert _records(db, "activity")[0]["start_date"] == dt.date(2012, 3, 5)


@pytest.mark.parametrize("lang", ["zh_CN", "vi", "th", "km", "lo", "my", "id", "ms", "fil", "pt"])
def test_labels_chosen_from_the_lists_import_in_every_language(
    tmp_path: Path, capsys, lang: str
) -> None:
    db = init_office(tmp_path)
    blank = blank_template(db, tmp_path, "people", lang=lang)
    book = load_workbook(blank)
    lists = book["acec_lists"]
    keys = [c.value for c in book.worksheets[1][3]]
    coded = [k for k in keys if k in ("gender", "country", "category", "consent")]
    # The lists sheet has one column per coded column, in the data sheet's order.
    chosen = {key: lists.cell(row=2, column=n + 1).value for n, key in enumerate(coded)}
    filled = fill(blank, [{"name": "Sok Dara", **chosen}], tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--lang", lang, "--json", "import-template", str(filled))
    assert code == 0, data.get("problems")
    [person] = _records(db, "person")
    assert (person["gender"], person["country"], person["category"]) == ("m", "BN", "expert")
    assert person["consent"] is False
