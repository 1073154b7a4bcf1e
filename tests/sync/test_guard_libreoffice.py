"""A package opened and saved again by LibreOffice Calc passes the guard and imports.

Calc rewrites every part, moves text to shared strings and saves booleans as
constant formulas (``FALSE()`` with the value cached); none of that may be
mistaken for tampering or a hostile file. Skipped where LibreOffice is absent.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from app.demo import generate_demo
from app.services.dump import dump_data
from app.sync.export import export_package
from app.sync.guard import check_package_file
from app.sync.importer import import_package
from tests.libreoffice import convert, needs_libreoffice

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from sites import trust_each_other  # noqa: E402


@needs_libreoffice
def test_a_package_resaved_by_libreoffice_passes_and_imports(tmp_path: Path, make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    trust_each_other(vn, sec)
    generate_demo(vn, size=300, seed=5)
    package = tmp_path / "vn.xlsx"
    export_package(vn, package, to="SEC")
    out = convert(package, tmp_path / "resaved")
    resaved = out / "vn.xlsx"
    with zipfile.ZipFile(resaved) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert any(b"FALSE()</f>" in sheet for sheet in sheets)  # Calc's booleans, as noted
    check_package_file(resaved)
    result = import_package(sec, resaved)
    assert result.applied

    def vn_records(db) -> list:
        return [r for records in dump_data(db).values() for r in records if r["owner"] == "VN"]

    assert vn_records(sec) == vn_records(vn) != []
