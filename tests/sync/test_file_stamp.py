"""The preview says whether a package file is as exported or was saved again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.sync.file_stamp import file_as_exported


def test_resaved_package_is_noted_and_still_imports(make_db, tmp_path: Path, capsys) -> None:
    vn = make_db("VN")
    create_record(
        vn,
        "activity",
        {"item_uid": plan_item_uid("2.5"), "title": "EIA", "type": "training", "status": "planned"},
    )
    vn_path = vn.path
    vn.close()
    sec = make_db("SEC")
    sec_path = sec.path
    sec.close()
    package = tmp_path / "vn.xlsx"
    assert main(["--db", str(vn_path), "export", "--out", str(package)]) == 0
    fingerprint = json.loads(_run(capsys, "--db", str(vn_path), "--json", "keys"))["fingerprint"]
    assert file_as_exported(package)

    out = _run(capsys, "--db", str(sec_path), "--json", "import", str(package), "--dry-run")
    assert json.loads(out)["as_exported"] is True

    resaved = tmp_path / "vn-resaved.xlsx"
    load_workbook(package).save(resaved)
    assert not file_as_exported(resaved)
    capsys.readouterr()
    assert main(["--db", str(sec_path), "import", str(resaved), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "opened and saved again since export; its content is unchanged" in text
    assert main(["--db", str(sec_path), "import", str(resaved), "--trust", fingerprint]) == 0


def _run(capsys, *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_cover_reads_and_prints_well(make_db, tmp_path: Path) -> None:
    from app.sync.export import export_package

    sec = make_db("SEC")
    package = tmp_path / "sec.xlsx"
    export_package(sec, package, to="VN", full=True)
    cover = load_workbook(package).worksheets[0]
    assert cover.title == "About this file" and cover["A1"].value == "ACEC Tracker sync package"
    setup = cover.page_setup  # one page wide (1 is the default width), any height, A4
    assert cover.sheet_properties.pageSetUpPr.fitToPage
    assert setup.fitToWidth in (None, 1) and int(setup.fitToHeight) == 0
    assert int(setup.paperSize) == 9
    steps = [str(r) for r in cover.merged_cells.ranges]
    assert steps and all(r.startswith("A") and ":B" in r for r in steps)
    texts = sorted(cover[r.split(":")[0]].value for r in steps)
    assert [t[:3] for t in texts] == [f"{n}. " for n in range(1, len(texts) + 1)]
    counts = {
        row[0].value: row[1].value for row in cover.iter_rows() if isinstance(row[1].value, int)
    }
    assert counts["Plan items"] == 11


def test_an_export_that_cannot_replace_its_target_says_so(make_db, tmp_path: Path) -> None:
    from app.errors import AcecError
    from app.sync.export import export_package

    vn = make_db("VN")
    target = tmp_path / "busy.xlsx"
    target.mkdir()  # stands in for a file another program holds open
    with pytest.raises(AcecError, match="Cannot write .*busy.xlsx"):
        export_package(vn, target)
    assert not list(tmp_path.glob("*.partial.xlsx"))  # the half-written file is gone
