"""Hostile workbook files for the guard tests and the fuzz proof.

Zips are written by hand (``raw_zip``) so that sizes, checksums and entry
names can lie the way an attacker's would; ``zip_bomb`` makes a 1 GB deflate
stream from a 1 MB block repeated, without ever holding 1 GB.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def sheet_xml(rows: bytes, dimension: bytes = b"A1:B2") -> bytes:
    """A worksheet part with ``rows`` as its sheetData."""
    return (
        SHEET_HEAD
        + b'<dimension ref="'
        + dimension
        + b'"/><sheetData>'
        + rows
        + b"</sheetData></worksheet>"
    )


def simple_rows(n: int = 2) -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x%d</t></is></c><c r="B%d"><v>%d</v></c></row>'
        % (i, i, i, i, i)
        for i in range(1, n + 1)
    )


def workbook_parts(sheet: bytes | None = None) -> dict[str, bytes]:
    """The parts of a minimal valid .xlsx with one sheet named Data."""
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(simple_rows()),
    }


def write_zip(path: Path, parts: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    """An ordinary deflated zip of ``parts`` (a list may repeat a name)."""
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            archive.writestr(name, data)
    return path


@dataclass
class RawEntry:
    """One entry of a hand-made zip: what it holds and what it claims."""

    name: str
    compressed: bytes
    method: int = 8
    crc: int = 0
    size: int = 0
    flags: int = 0


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def entry(name: str, data: bytes) -> RawEntry:
    """An honest deflated entry."""
    return RawEntry(name, deflate(data), 8, zlib.crc32(data), len(data))


def raw_zip(path: Path, entries: list[RawEntry]) -> Path:
    """Write a zip exactly as told, lies included."""
    out = io.BytesIO()
    central = []
    for e in entries:
        offset = out.tell()
        name = e.name.encode()
        out.write(
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                e.flags,
                e.method,
                0,
                0,
                e.crc,
                len(e.compressed),
                e.size,
                len(name),
                0,
            )
        )
        out.write(name)
        out.write(e.compressed)
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                e.flags,
                e.method,
                0,
                0,
                e.crc,
                len(e.compressed),
                e.size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(
        struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0)
    )
    path.write_bytes(out.getvalue())
    return path


def bomb_stream(total: int, prefix: bytes = b"", fill: bytes = b" ") -> bytes:
    """A raw deflate stream: ``prefix`` then about ``total`` bytes of ``fill`` (whole MBs)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(fill * MB) + c.flush(zlib.Z_FULL_FLUSH)
    # A full flush ends byte-aligned with an empty dictionary, so the block can repeat;
    # b"\x03\x00" is a final, empty fixed-Huffman block that ends the stream.
    return head + block * (total // MB) + b"\x03\x00"


def zip_bomb(
    path: Path,
    total: int = 1024 * MB,
    *,
    lie: bool = False,
    part: str = "xl/worksheets/sheet1.xml",
    fill: bytes = b" ",
) -> Path:
    """A workbook whose ``part`` inflates to ``total`` bytes (declared small when ``lie``)."""
    entries = [entry(name, data) for name, data in workbook_parts().items() if name != part]
    prefix = SHEET_HEAD + b"<sheetData>" if part.endswith(".xml") else b""
    size = 1000 if lie else min(total, 0xFFFFFFFF - 1)
    entries.append(RawEntry(part, bomb_stream(total, prefix, fill), 8, 0, size))
    return raw_zip(path, entries)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)


def billion_laughs_sheet() -> bytes:
    """A worksheet whose one cell would expand to a billion ``lol``s."""
    return BILLION_LAUGHS + (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )


# A sheet no guard may pass: a formula and a cell at the far corner of the grid
# (a reader that believed it would allocate 16,384 x 1,048,576 cells, 512 GB).
FAR_CORNER_SHEET = sheet_xml(
    b'<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'
    b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    b"A1:XFD1048576",
)


def detour(
    path: Path, target: str, stored_as: str, sheet: bytes = FAR_CORNER_SHEET, *, root: str = ""
) -> Path:
    """A workbook whose sheet relationship says ``target`` and whose sheet is stored as ``stored_as``.

    The honest ``xl/worksheets/sheet1.xml`` stays in the file, as a decoy the
    guard could check instead. ``root`` replaces the main part's target in
    ``_rels/.rels`` (the workbook and its relationships are then stored beside it too).
    """
    parts = workbook_parts()
    rels = parts["xl/_rels/workbook.xml.rels"]
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        b'Target="worksheets/sheet1.xml"', b'Target="' + target.encode() + b'"'
    )
    entries = [entry(name, data) for name, data in parts.items()]
    if root:
        entries[1] = entry("_rels/.rels", ROOT_RELS.replace(b"xl/workbook.xml", root.encode()))
        folder = root.rsplit("/", 1)[0].lstrip("/")
        entries.append(entry(folder + "/workbook.xml", WORKBOOK))
        entries.append(
            entry(folder + "/_rels/workbook.xml.rels", parts["xl/_rels/workbook.xml.rels"])
        )
    entries.append(entry(stored_as, sheet))
    return raw_zip(path, entries)
