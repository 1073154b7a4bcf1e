"""The guard checks the very parts the reader opens: odd part names and targets are refused.

python-calamine takes a relationship's target as written (a leading "/"
stripped, else "xl/" put in front) and looks it up case-insensitively, with
backslashes read as slashes; it does not resolve "..", percent-encoding or
entities. Each file here stores a hostile sheet (a formula and a cell at
XFD1048576) where only such a reading finds it, beside an honest decoy.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.sync.errors import PackageRefused
from app.sync.guard import check_package_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from hostile_files import detour, workbook_parts, write_zip  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

DETOURS = [
    # (relationship target, entry name of the hostile sheet)
    ("worksheets/../manifest.bin", "xl/worksheets/../manifest.bin"),
    ("worksheets/./sheet2.xml", "xl/worksheets/./sheet2.xml"),
    ("worksheets/sheet%32.bin", "xl/worksheets/sheet%32.bin"),
    ("worksheets/sheet%32.xml", "xl/worksheets/sheet2.xml"),
    ("worksheets\\sheet2.bin", "xl/worksheets\\sheet2.bin"),
    ("worksheets/sheet2.xml", "xl\\worksheets\\sheet2.xml"),
    ("/xl/worksheets/../../other.bin", "xl/worksheets/../../other.bin"),
    ("worksheets/&#x2e;&#x2e;/x.bin", "xl/worksheets/&#x2e;&#x2e;/x.bin"),
    ("../elsewhere/sheet2.xml", "elsewhere/sheet2.xml"),
    ("worksheets/sheet2.xml ", "xl/worksheets/sheet2.xml "),
]


@pytest.mark.parametrize(("target", "stored_as"), DETOURS)
def test_a_sheet_stored_at_an_odd_place_is_refused(tmp_path, target, stored_as) -> None:
    path = detour(tmp_path / "detour.xlsx", target, stored_as)
    with pytest.raises(PackageRefused, match="odd") as caught:
        check_package_file(path)
    message = caught.value.message
    assert message.startswith("detour.xlsx cannot be imported: ")
    assert "ask the sender for a new one" in message and "\n" not in message


def test_a_workbook_beside_the_real_one_is_refused(tmp_path) -> None:
    # The reader would take "xl/./" as the workbook's folder and read the copies there.
    path = detour(
        tmp_path / "root.xlsx",
        "worksheets/sheet1.xml",
        "xl/./worksheets/sheet1.xml",
        root="xl/./workbook.xml",
    )
    with pytest.raises(PackageRefused, match="odd name|not where Excel puts it"):
        check_package_file(path)


def test_plain_targets_as_excel_libreoffice_and_openpyxl_write_them_pass(tmp_path) -> None:
    for target in ("worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml"):
        parts = workbook_parts()
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"worksheets/sheet1.xml", target.encode()
        )
        check_package_file(write_zip(tmp_path / "plain.xlsx", parts))


_READ = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.sync.errors import PackageRefused
    from app.sync.guard import check_package_file
    from app.sync.package_reader import PackageFile
    path = Path(sys.argv[1])
    try:
        check_package_file(path)
        book = PackageFile(path)
        for name in book.sheet_names:
            for _row in book.iter_sheet(name):
                pass
    except PackageRefused as exc:
        print("refused:", exc.message)
    else:
        print("read")
    """
)


def test_the_far_corner_behind_a_detour_never_reaches_the_reader(tmp_path) -> None:
    """Today's reader aborts the whole process (512 GB) on this 1 KB file: refused first."""
    path = detour(
        tmp_path / "abort.xlsx", "worksheets/../manifest.bin", "xl/worksheets/../manifest.bin"
    )
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("refused:") and "odd" in done.stdout
