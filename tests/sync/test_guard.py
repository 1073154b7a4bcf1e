"""The guard refuses hostile files by content, in bounded time and memory."""

from __future__ import annotations

import sys
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
from defusedxml.common import EntitiesForbidden

from app.sync.errors import PackageRefused
from app.sync.guard import check_package_file
from app.sync.package_limits import PackageLimits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from hostile_files import (  # noqa: E402
    MB,
    RawEntry,
    billion_laughs_sheet,
    entry,
    raw_zip,
    sheet_xml,
    simple_rows,
    workbook_parts,
    write_zip,
    zip_bomb,
)


def _refused(path: Path, match: str, limits: PackageLimits | None = None) -> PackageRefused:
    with pytest.raises(PackageRefused, match=match) as caught:
        if limits is None:
            check_package_file(path)
        else:
            check_package_file(path, limits)
    message = caught.value.message
    assert "\n" not in message and path.name in message
    return caught.value


def _with(parts: dict[str, bytes], **changes: bytes) -> dict[str, bytes]:
    return parts | {name.replace("__", "/"): data for name, data in changes.items()}


def test_an_exported_package_and_an_openpyxl_workbook_pass(tmp_path, vn, add_records) -> None:
    from app.sync.export import export_package

    add_records(vn)
    package = tmp_path / "vn.xlsx"
    export_package(vn, package, to="SEC")
    check_package_file(package)
    book = openpyxl.Workbook()
    book.active.append(["a", 1, None, "=not a formula"])
    book.active["D1"].data_type = "s"  # forced to text, as the house rule demands
    book.save(tmp_path / "plain.xlsx")
    check_package_file(tmp_path / "plain.xlsx")
    check_package_file(write_zip(tmp_path / "min.xlsx", workbook_parts()))


def test_refused_by_content_not_by_name(tmp_path) -> None:
    text = tmp_path / "looks.xlsx"
    text.write_text("uid,owner\n1,VN\n", encoding="utf-8")
    _refused(text, "not an Excel .xlsx workbook")
    ole = tmp_path / "encrypted.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _refused(ole, "encrypted .*or an old .xls")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    _refused(empty, "empty")
    ods = write_zip(
        tmp_path / "calc.xlsx",
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
    )
    _refused(ods, "OpenDocument")
    other_zip = write_zip(tmp_path / "photos.xlsx", {"a.jpg": b"\xff\xd8"})
    _refused(other_zip, "not an Excel .xlsx workbook")


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ({"xl/vbaProject.bin": b"\0" * 10}, "macros"),
        ({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}, "external links"),
        ({"xl/embeddings/oleObject1.bin": b"\0"}, "embedded objects"),
        ({"xl/activeX/activeX1.xml": b"<ax/>"}, "ActiveX"),
        (
            {
                "[Content_Types].xml": b'<Types><Override ContentType="application/'
                b'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
            },
            "macro-enabled",
        ),
    ],
)
def test_macros_links_and_embedded_objects_are_refused(tmp_path, extra, match) -> None:
    _refused(write_zip(tmp_path / "book.xlsx", workbook_parts() | extra), match)


def test_damaged_zips_are_refused(tmp_path) -> None:
    good = write_zip(tmp_path / "good.xlsx", workbook_parts()).read_bytes()
    for cut in (10, len(good) // 2, len(good) - 30):
        damaged = tmp_path / f"cut{cut}.xlsx"
        damaged.write_bytes(good[:cut])
        _refused(damaged, "damaged")
    parts = workbook_parts()
    lying = [entry(n, d) for n, d in parts.items()]
    lying[-1].crc ^= 1
    _refused(raw_zip(tmp_path / "crc.xlsx", lying), "checksum")
    twice = [entry(n, d) for n, d in parts.items()]
    twice.append(entry("xl/worksheets/sheet1.xml", sheet_xml(simple_rows(3))))
    _refused(raw_zip(tmp_path / "twice.xlsx", twice), "same part twice")
    locked = [entry(n, d) for n, d in parts.items()]
    locked[-1].flags = 1
    _refused(raw_zip(tmp_path / "locked.xlsx", locked), "encrypted")
    odd = [entry(n, d) for n, d in parts.items()]
    odd[-1].method = 12
    _refused(raw_zip(tmp_path / "bzip.xlsx", odd), "compression")


def test_file_size_and_entry_count_caps(tmp_path) -> None:
    path = write_zip(tmp_path / "book.xlsx", workbook_parts())
    _refused(path, "at most", PackageLimits(max_file_bytes=100))
    many = workbook_parts() | {f"docProps/x{i}.xml": b"<x/>" for i in range(30)}
    _refused(write_zip(tmp_path / "many.xlsx", many), "parts", PackageLimits(max_entries=20))


@pytest.mark.parametrize("lie", [False, True])
def test_a_one_gigabyte_bomb_is_refused_fast_and_small(tmp_path, lie) -> None:
    bomb = zip_bomb(tmp_path / "bomb.xlsx", 1024 * MB, lie=lie)
    assert bomb.stat().st_size < 2 * MB
    tracemalloc.start()
    started = time.perf_counter()
    try:
        _refused(bomb, "zip bomb")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0 and peak < 200 * MB, (elapsed, peak)


def test_inflated_size_is_counted_not_believed(tmp_path) -> None:
    """An entry that declares 1,000 bytes but inflates to 20 MB is caught while streaming."""
    limits = PackageLimits(max_ratio=10_000, max_entry_bytes=8 * MB)
    bomb = zip_bomb(tmp_path / "lie.xlsx", 20 * MB, lie=True)
    _refused(bomb, "inflates beyond 8 MB", limits)
    styles = zip_bomb(tmp_path / "styles.xlsx", 20 * MB, part="xl/styles.xml")
    small = PackageLimits(max_ratio=10_000, max_other_part_bytes=4 * MB)
    _refused(styles, "inflates beyond 4 MB", small)
    total = PackageLimits(max_ratio=10_000, max_total_bytes=6 * MB)
    _refused(zip_bomb(tmp_path / "total.xlsx", 8 * MB), "inflates beyond 6 MB", total)


def test_shared_strings_are_bounded(tmp_path) -> None:
    strings = b"<sst>" + b"<si><t>x</t></si>" * 50 + b"</sst>"
    book = write_zip(tmp_path / "sst.xlsx", workbook_parts() | {"xl/sharedStrings.xml": strings})
    check_package_file(book)
    _refused(book, "more than 40 different texts", PackageLimits(max_shared_strings=40))
    _refused(book, "inflates beyond", PackageLimits(max_shared_strings_bytes=100))


def test_a_million_row_sheet_is_refused_quickly(tmp_path) -> None:
    rows = b"".join(b'<row r="%d"/>' % i for i in range(1, 1_000_001))
    path = write_zip(tmp_path / "rows.xlsx", workbook_parts(sheet_xml(rows)))
    started = time.perf_counter()
    _refused(path, "sheet Data has more than 75000 rows")
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        (b'<row r="1"><c r="ZZ1"><v>1</v></c></row>', "more than 21 columns"),
        (b'<row r="1"><c r="V1"><v>1</v></c></row>', "more than 21 columns"),
        # Within the old 40 columns and the rows allowed, but a 75,001 x 40 grid.
        (b'<row r="1"><c r="AN75001"><v>1</v></c></row>', "more than 21 columns"),
        (b'<row r="1">' + b"<c><v>1</v></c>" * 22 + b"</row>", "more than 21 columns"),
        (b'<row r="9999999"><c r="A9999999"><v>1</v></c></row>', "more than 75000 rows"),
        (b'<row r="5"><c r="A1048576"><v>1</v></c></row>', "more than 75000 rows"),
        # The reference hidden behind a decoy in a single-quoted attribute.
        (b'<row r="1"><c x=\' r="A1"\' r="XFD1"><v>1</v></c><c/></row>', "columns"),
        (b'<row r="1"><c r = "XFD1"><v>1</v></c></row>', "columns"),
        (b'<row spans="1:1" r="9999999"><c r="A1"><v>1</v></c></row>', "rows"),
        (b'<row r="1"><c\tr="XFD1"><v>1</v></c></row>', "columns"),
        (b'<row r="1"><x:c xmlns:x="urn:y" r="XFD1"/></row>', "columns"),
    ],
)
def test_rows_and_columns_are_capped_whatever_the_dimension_says(tmp_path, rows, match) -> None:
    path = write_zip(tmp_path / "grid.xlsx", workbook_parts(sheet_xml(rows, b"A1:B2")))
    _refused(path, match)


def test_a_lying_dimension_is_refused(tmp_path) -> None:
    path = write_zip(
        tmp_path / "dim.xlsx", workbook_parts(sheet_xml(simple_rows(), b"A1:XFD1048576"))
    )
    _refused(path, "more than 21 columns")
    within_old_caps = sheet_xml(simple_rows(), b"A1:AN200001")
    _refused(write_zip(tmp_path / "dim40.xlsx", workbook_parts(within_old_caps)), "21 columns")


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="B7"><f>SUM(A1:A5)</f><v>3</v></c>',
        b'<c r="B7"><f t="shared" si="0"/><v>3</v></c>',
        b'<c r="B7"><x:f xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"1+1</x:f></c>",
    ],
)
def test_a_formula_cell_is_refused_with_its_sheet_and_row(tmp_path, cell) -> None:
    rows = simple_rows(6) + b'<row r="7">' + cell + b"</row>"
    refused = _refused(write_zip(tmp_path / "f.xlsx", workbook_parts(sheet_xml(rows))), "formula")
    assert "sheet Data, row 7" in refused.message
    assert refused.problems and refused.problems[0].row == 7


def test_formula_in_a_large_sheet_found_on_the_fast_path(tmp_path) -> None:
    rows = simple_rows(20_000).replace(
        b'<c r="B15000"><v>15000</v></c>', b'<c r="B15000"><f>A1</f><v>1</v></c>'
    )
    path = write_zip(tmp_path / "big.xlsx", workbook_parts(sheet_xml(rows)))
    refused = _refused(path, "formula")
    assert "row 15000" in refused.message


def test_entity_declarations_are_refused_before_any_parser(tmp_path) -> None:
    book = write_zip(tmp_path / "lol.xlsx", workbook_parts(billion_laughs_sheet()))
    started = time.perf_counter()
    _refused(book, "DTD or entities")
    assert time.perf_counter() - started < 1
    utf16 = workbook_parts() | {
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-16"?><styleSheet/>'.encode("utf-16")
    }
    _refused(write_zip(tmp_path / "u16.xlsx", utf16), "not UTF-8 XML")
    # UTF-7 can spell "<" as "+ADw-": tags a byte scan would not see.
    utf7 = sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>').replace(
        b'encoding="UTF-8"', b'encoding="UTF-7"'
    )
    _refused(write_zip(tmp_path / "u7.xlsx", workbook_parts(utf7)), "not UTF-8 XML")


def test_openpyxl_parses_through_defusedxml(tmp_path) -> None:
    """Even a file that skipped the guard cannot make openpyxl expand entities."""
    assert openpyxl.xml.DEFUSEDXML is True
    book = write_zip(tmp_path / "lol.xlsx", workbook_parts(billion_laughs_sheet()))
    started = time.perf_counter()
    # Our own handle, closed whatever openpyxl does when it refuses the file.
    with book.open("rb") as fh, pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(fh, read_only=True)
    assert time.perf_counter() - started < 2
    assert isinstance(caught.value.__cause__ or caught.value.__context__, EntitiesForbidden)


def test_guard_keeps_up_with_a_large_honest_sheet(tmp_path) -> None:
    """A 20,000-row honest sheet passes (and stays on the byte-search path)."""
    rows = simple_rows(20_000)
    path = write_zip(tmp_path / "honest.xlsx", workbook_parts(sheet_xml(rows, b"A1:B20000")))
    check_package_file(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > MB


def test_stored_entries_are_checked_too(tmp_path) -> None:
    parts = workbook_parts()
    entries = [entry(n, d) for n, d in parts.items() if n != "xl/worksheets/sheet1.xml"]
    sheet = sheet_xml(b'<row r="1"><c r="A1"><f>1</f></c></row>')
    entries.append(RawEntry("xl/worksheets/sheet1.xml", sheet, 0, zlib.crc32(sheet), len(sheet)))
    _refused(raw_zip(tmp_path / "stored.xlsx", entries), "formula")


def test_a_sheet_reached_through_a_roundabout_path_is_refused(tmp_path) -> None:
    parts = workbook_parts()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"worksheets/sheet1.xml", b"../elsewhere/%73heet.xml"
    )
    sheet = parts.pop("xl/worksheets/sheet1.xml")
    parts["elsewhere/sheet.xml"] = sheet.replace(b"<v>1</v>", b"<f>1+1</f><v>2</v>", 1)
    _refused(write_zip(tmp_path / "detour.xlsx", parts), "sheet stored at an odd place")


def test_a_second_workbook_part_is_refused(tmp_path) -> None:
    parts = workbook_parts()
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"xl/workbook.xml", b"xl/other.xml")
    parts["xl/other.xml"] = parts["xl/workbook.xml"]
    _refused(write_zip(tmp_path / "two.xlsx", parts), "workbook is not where Excel puts it")


def test_libreoffice_boolean_cells_are_values_not_formulas(tmp_path) -> None:
    """Calc saves TRUE/FALSE as constant formulas with the value cached: accepted, nothing else."""
    good = (
        b'<row r="1"><c r="A1" s="0" t="b"><f aca="false">FALSE()</f><v>0</v></c>'
        b'<c r="B1" s="0" t="b"><f aca="false">TRUE()</f><v>1</v></c></row>'
    )
    many = good * 3000  # past one streaming chunk, so the byte-search path is used too
    for rows in (good, many.replace(b'r="1"', b'r="1"')):
        check_package_file(write_zip(tmp_path / "calc.xlsx", workbook_parts(sheet_xml(rows))))
    for bad in (
        b'<row r="1"><c r="A1" t="b"><f aca="false">FALSE()</f><v>1</v></c></row>',
        b'<row r="1"><c r="A1" t="b"><f aca="false">TRUE()+0</f><v>1</v></c></row>',
        b'<row r="1"><c r="A1" t="n"><f aca="false">TRUE()</f><v>1</v></c></row>',
        good * 2000 + b'<row r="2"><c r="A2"><f>A1</f><v>1</v></c></row>',
    ):
        _refused(write_zip(tmp_path / "bad.xlsx", workbook_parts(sheet_xml(bad))), "formula")


def test_the_rows_of_all_sheets_together_are_capped(tmp_path) -> None:
    # Each sheet within its own cap, but the import would hold every sheet's records at once.
    parts = workbook_parts(sheet_xml(simple_rows(4))) | {
        "xl/worksheets/sheet2.xml": sheet_xml(simple_rows(4))
    }
    path = write_zip(tmp_path / "two.xlsx", parts)
    rows = 2 * 4
    check_package_file(path, PackageLimits(max_rows=5, max_package_rows=rows))
    _refused(
        path,
        f"more than {rows - 1} rows in all",
        PackageLimits(max_rows=5, max_package_rows=rows - 1),
    )


def _shared_text_book(path: Path, text_bytes: int, cells: int) -> Path:
    strings = b"<sst><si><t>" + b"y" * text_bytes + b"</t></si><si><t>z</t></si></sst>"
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (i, i) for i in range(1, cells + 1)
    )
    parts = workbook_parts(sheet_xml(rows, b"A1:A%d" % cells)) | {"xl/sharedStrings.xml": strings}
    return write_zip(path, parts)


def test_one_long_shared_string_in_every_cell_is_refused(tmp_path) -> None:
    # calamine copies the string into each cell: this 3 KB file made the reader hold 300 MB.
    book = _shared_text_book(tmp_path / "repeat.xlsx", 1_000_000, 300)
    assert book.stat().st_size < 10_000
    _refused(book, "its cells repeat 286 MB of text")
    small = _shared_text_book(tmp_path / "small.xlsx", 1000, 50)
    check_package_file(small, PackageLimits(max_shared_text_bytes=50_000))
    _refused(small, "repeat 0 MB", PackageLimits(max_shared_text_bytes=49_999))


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="A%d" t="s"><v>&#48;</v></c>',  # the reader unescapes the index
        b'<c r="A%d" x=">" t="s"><v>0</v></c>',  # a ">" inside an attribute ends no tag
        b'<c r="A%d" x="a" t="&#115;"><v>0</v></c>',
        b'<c r="A%d" t="s"><v><![CDATA[0]]></v></c>',
    ],
    ids=["escaped-index", "gt-in-attribute", "escaped-type", "cdata"],
)
def test_shared_cells_however_spelled_are_counted(tmp_path, cell: bytes) -> None:
    # Each spelling used to be missed by the count (or refused as damaged) while the
    # reader copied the 1 MB string into every cell: 600 MB held for this 3 KB file.
    strings = b"<sst><si><t>" + b"y" * 1_000_000 + b"</t></si></sst>"
    rows = b"".join(b'<row r="%d">' % i + cell % i + b"</row>" for i in range(1, 301))
    parts = workbook_parts(sheet_xml(rows, b"A1:A300")) | {"xl/sharedStrings.xml": strings}
    _refused(write_zip(tmp_path / "spelled.xlsx", parts), "its cells repeat 286 MB of text")


def test_a_shared_cell_with_an_index_that_is_not_a_number_is_refused(tmp_path) -> None:
    strings = b"<sst><si><t>y</t></si></sst>"
    rows = b'<row r="1"><c r="A1" t="s"><v>0x1</v></c></row>'
    parts = workbook_parts(sheet_xml(rows, b"A1:A1")) | {"xl/sharedStrings.xml": strings}
    _refused(write_zip(tmp_path / "escaped.xlsx", parts), "damaged")
