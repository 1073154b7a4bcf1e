"""Checks a file from outside before any spreadsheet library reads it.

We walk the zip ourselves: the end record and central directory are bounded
before ``zipfile`` parses them, and every entry's compressed bytes are
inflated here in small chunks, so the sizes we check are the bytes that
really come out (declared sizes lie). XML parts are scanned as bytes while
they stream: no DTD or entity declarations, worksheet rows and columns within
the caps (the declared dimension is checked but not believed), no formula
cells, a bounded shared-strings part. The file is refused by its content,
never by its name.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from xml.parsers import expat

from app.i18n import _
from app.sync import shared_text
from app.sync.errors import PackageRefused
from app.sync.package_limits import DEFAULT_LIMITS, MB, PackageLimits
from app.sync.part_names import (
    SHEET_FOLDER,
    Relationship,
    is_plain,
    relationships,
    resolve_sheet_target,
    sheet_ids,
    workbook_target_is_canonical,
)
from app.sync.xml_scan import SharedStringsScanner, SheetScanner, XmlScanner, refuse

_CHUNK = 256 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"

_FORBIDDEN_PARTS = (
    ("vbaproject.bin", "macros"),
    ("vbadata.xml", "macros"),
    ("/externallinks/", "external links to other files"),
    ("/embeddings/", "embedded objects"),
    ("oleobject", "embedded OLE objects"),
    ("/activex/", "ActiveX controls"),
    ("/ctrlprops/", "form controls"),
    ("xl/workbook.bin", "a binary (.xlsb) workbook"),
    ("/connections.xml", "data connections"),
    ("/querytables/", "external data queries"),
)


def check_package_file(path: Path, limits: PackageLimits = DEFAULT_LIMITS) -> None:
    """Raise ``PackageRefused`` when ``path`` is not a safe .xlsx package file.

    Bounded in time and memory whatever the file holds: nothing is inflated
    beyond the caps in ``limits``, and every failure ends in one clear line.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
            _check_kind(path, head, size, limits)
            _check_end_record(path, fh, size, limits)
            fh.seek(0)
            _walk_zip(path, fh, size, limits)
    except PackageRefused:
        raise
    except OSError as exc:
        raise refuse(
            path, _("the file cannot be read ({error}).").format(error=exc.strerror)
        ) from None
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,
        struct.error,
        NotImplementedError,
    ):
        raise refuse(path, _("the file is damaged (not a complete .xlsx workbook).")) from None


def _check_kind(path: Path, head: bytes, size: int, limits: PackageLimits) -> None:
    if size > limits.max_file_bytes:
        raise refuse(
            path,
            _("the file is {size} MB; a package may be at most {limit} MB.").format(
                size=size // MB, limit=limits.max_file_bytes // MB
            ),
        )
    if size == 0:
        raise refuse(path, _("the file is empty."))
    if head.startswith(_OLE_MAGIC):
        raise refuse(
            path,
            _(
                "it is an encrypted (password-protected) workbook or an old .xls file. "
                "Remove the password or save it as .xlsx, then import it again."
            ),
        )
    if not head.startswith(_ZIP_MAGICS):
        raise refuse(
            path,
            _(
                "it is not an Excel .xlsx workbook (it looks like text or CSV, or another kind "
                "of file). Import the .xlsx package exactly as it was sent."
            ),
        )


def _check_end_record(path: Path, fh: BinaryIO, size: int, limits: PackageLimits) -> None:
    """Bound the central directory before ``zipfile`` reads it into memory."""
    tail_size = min(size, 22 + 65_535 + 20)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
    (_sig, _disk, _cd_disk, _n_here, entries, cd_size, _cd_offset, _clen) = struct.unpack(
        "<4sHHHHIIH", tail[at : at + 22]
    )
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
        locator_at = at - 20
        if locator_at < 0 or tail[locator_at : locator_at + 4] != _ZIP64_LOCATOR:
            raise refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
        (eocd64_offset,) = struct.unpack("<Q", tail[locator_at + 8 : locator_at + 16])
        if eocd64_offset + 56 > size:
            raise refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
        fh.seek(eocd64_offset)
        record = fh.read(56)
        if record[:4] != _ZIP64_EOCD:
            raise refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
        entries, cd_size = struct.unpack("<QQ", record[32:48])
    _check_entry_count(path, entries, limits)
    if cd_size > limits.max_directory_bytes:
        raise refuse(path, _("its list of parts is too large ({n} bytes).").format(n=cd_size))


def _check_entry_count(path: Path, entries: int, limits: PackageLimits) -> None:
    if entries > limits.max_entries:
        raise refuse(
            path,
            _("it has {n} parts; a package has far fewer (at most {limit}).").format(
                n=entries, limit=limits.max_entries
            ),
        )


def _shown_name(name: str, limit: int = 80) -> str:
    """A part name fit for a one-line message: control characters escaped, long ones cut."""
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _walk_zip(path: Path, fh: BinaryIO, size: int, limits: PackageLimits) -> None:
    with zipfile.ZipFile(fh) as archive:
        infos = archive.infolist()
    _check_entry_count(path, len(infos), limits)
    names = [info.filename for info in infos]
    for info in infos:
        # The name as stored: zipfile cuts it at a NUL and, on Windows, turns "\\" into "/".
        if not is_plain(info.orig_filename):
            raise refuse(
                path,
                _(
                    "it holds a part with an odd name ({part}). It was not made by ACEC Tracker "
                    "or was changed; ask the sender for a new one."
                ).format(part=_shown_name(info.orig_filename)),
            )
    lowered = {name.lower() for name in names}
    if len(lowered) != len(names):
        raise refuse(path, _("it holds the same part twice; the file was tampered with."))
    if "mimetype" in lowered and "[content_types].xml" not in lowered:
        raise refuse(
            path,
            _("it is an OpenDocument (.ods) spreadsheet. Import the .xlsx package as it was sent."),
        )
    for name in sorted(lowered):
        for marker, what in _FORBIDDEN_PARTS:
            if marker in "/" + name:
                raise refuse(
                    path,
                    _("it contains {what}, which a sync package never has.").format(what=_(what)),
                )
    if "[content_types].xml" not in lowered or "xl/workbook.xml" not in lowered:
        raise refuse(path, _("it is a zip file but not an Excel .xlsx workbook."))
    sheet_names = _sheet_names(path, fh, infos, limits)
    total = rows = 0
    for info in infos:
        inflated, sheet_rows = _check_entry(path, fh, size, info, sheet_names, limits, total)
        total, rows = total + inflated, rows + sheet_rows
        if rows > limits.max_package_rows:
            raise refuse(
                path,
                _(
                    "its sheets hold more than {n} rows in all; a package never has that many."
                ).format(n=limits.max_package_rows),
            )
    if shared_text.SHARED_STRINGS in lowered:
        _check_shared_text(path, fh, infos, sheet_names, limits)


def _check_shared_text(
    path: Path,
    fh: BinaryIO,
    infos: list[zipfile.ZipInfo],
    sheet_names: dict[str, str],
    limits: PackageLimits,
) -> None:
    """Refuse a file whose cells refer to more shared text than the reader may hold."""
    actual = {info.filename.lower(): info.filename for info in infos}
    try:
        with zipfile.ZipFile(fh) as archive:
            lengths = shared_text.string_lengths(archive, actual[shared_text.SHARED_STRINGS])
            sheets = [actual[lower] for lower in sheet_names if lower in actual]
            held = shared_text.referenced_bytes(archive, sheets, lengths)
    except (expat.ExpatError, shared_text.OddSharedCell):
        raise refuse(path, _("the file is damaged (not a complete .xlsx workbook).")) from None
    if held > limits.max_shared_text_bytes:
        raise refuse(
            path,
            _(
                "its cells repeat {mb} MB of text; a package never holds more than {limit} MB. "
                "It was not made by ACEC Tracker or was changed; ask the sender for a new one."
            ).format(mb=held // MB, limit=limits.max_shared_text_bytes // MB),
        )


def _entry_data_start(path: Path, fh: BinaryIO, size: int, info: zipfile.ZipInfo) -> int:
    """Where the entry's compressed bytes begin, from its own local header (checked)."""
    if info.flag_bits & 0x1:
        raise refuse(path, _("it is encrypted. Remove the password and import it again."))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse(path, _("it uses a compression Excel does not write."))
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("local header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    local_name = fh.read(name_len)
    if (
        local_name.decode("utf-8", "replace") != info.filename
        and local_name.decode("cp437", "replace") != info.filename
    ):
        raise refuse(
            path, _("its parts are listed under two different names; it was tampered with.")
        )
    start: int = info.header_offset + 30 + name_len + extra_len
    if start + info.compress_size > size:
        raise zipfile.BadZipFile("entry beyond end")
    return start


def _compressed_chunks(fh: BinaryIO, start: int, length: int) -> Iterator[bytes]:
    """The entry's compressed bytes, in chunks of at most ``_CHUNK``."""
    fh.seek(start)
    left = length
    while left > 0:
        data = fh.read(min(_CHUNK, left))
        if not data:
            raise zipfile.BadZipFile("truncated")
        left -= len(data)
        yield data


def _inflated(chunks: Iterator[bytes], total: int) -> Iterator[tuple[bytes, int]]:
    """Deflate's output in chunks of at most ``_CHUNK``, each with the input used so far."""
    inflater = zlib.decompressobj(-15)
    used = 0
    for data in chunks:
        used += len(data)
        while data:
            out = inflater.decompress(data, _CHUNK)
            data = inflater.unconsumed_tail
            if out:
                yield out, used - len(data)
            if inflater.eof:
                break
    while not inflater.eof:
        out = inflater.decompress(b"", _CHUNK)
        if not out:
            break
        yield out, total
    if not inflater.eof:
        raise zipfile.BadZipFile("deflate stream incomplete")


def _raw_stream(
    path: Path, fh: BinaryIO, size: int, info: zipfile.ZipInfo, limits: PackageLimits
) -> Iterator[tuple[bytes, int]]:
    """The inflated bytes of one entry in chunks, each with the compressed bytes read so far.

    Read from the entry's own local header with our own inflater, so no
    declared size limits or hides what comes out.
    """
    start = _entry_data_start(path, fh, size, info)
    chunks = _compressed_chunks(fh, start, info.compress_size)
    if info.compress_type == zipfile.ZIP_DEFLATED:
        yield from _inflated(chunks, info.compress_size)
        return
    used = 0
    for data in chunks:
        used += len(data)
        yield data, used


def _check_entry(
    path: Path,
    fh: BinaryIO,
    size: int,
    info: zipfile.ZipInfo,
    sheet_names: dict[str, str],
    limits: PackageLimits,
    total_before: int,
) -> tuple[int, int]:
    """The part's inflated size and, for a worksheet, its number of rows."""
    name = info.filename
    lower = name.lower()
    is_sheet = lower in sheet_names
    is_shared = lower == "xl/sharedstrings.xml"
    is_xml = lower.endswith((".xml", ".rels", ".vml"))
    cap = limits.max_entry_bytes if is_sheet else limits.max_other_part_bytes
    if is_shared:
        cap = (
            min(cap, limits.max_shared_strings_bytes)
            if is_sheet
            else limits.max_shared_strings_bytes
        )
    scanner = (
        SheetScanner(path, sheet_names[lower], limits)
        if is_sheet
        else SharedStringsScanner(path, limits)
        if is_shared
        else XmlScanner(path, name, limits)
        if is_xml
        else None
    )
    inflated = 0
    crc = 0
    for chunk, consumed in _raw_stream(path, fh, size, info, limits):
        inflated += len(chunk)
        if inflated > cap or total_before + inflated > limits.max_total_bytes:
            raise refuse(
                path,
                _("the part {part} inflates beyond {limit} MB (a zip bomb?).").format(
                    part=name, limit=min(cap, limits.max_total_bytes) // MB
                ),
            )
        # Checked against what was read so far: a bomb is caught within its first megabytes.
        if inflated > limits.ratio_floor_bytes + limits.max_ratio * consumed:
            raise refuse(
                path,
                _("the part {part} is compressed more than {ratio} to 1 (a zip bomb?).").format(
                    part=name, ratio=limits.max_ratio
                ),
            )
        crc = zlib.crc32(chunk, crc)
        if scanner is not None:
            scanner.feed(chunk)
    if scanner is not None:
        scanner.close()
    if inflated != info.file_size or crc != info.CRC:
        raise refuse(
            path,
            _("the file is damaged (part {part} does not match its checksum).").format(part=name),
        )
    return inflated, scanner.rows if isinstance(scanner, SheetScanner) else 0


def _sheet_names(
    path: Path, fh: BinaryIO, infos: list[zipfile.ZipInfo], limits: PackageLimits
) -> dict[str, str]:
    """Worksheet part name (lower case) -> the sheet's name people see."""
    by_name = {info.filename.lower(): info for info in infos}
    small = PackageLimits(
        max_other_part_bytes=min(limits.max_other_part_bytes, 4 * MB),
        max_ratio=limits.max_ratio,
        ratio_floor_bytes=limits.ratio_floor_bytes,
    )
    size = fh.seek(0, 2)

    def read_small(name: str) -> bytes:
        info = by_name.get(name)
        if info is None:
            return b""
        chunks: list[bytes] = []
        scanner = XmlScanner(path, info.filename, small)
        total = 0
        for chunk, _consumed in _raw_stream(path, fh, size, info, small):
            total += len(chunk)
            if total > small.max_other_part_bytes:
                raise refuse(path, _("the part {part} is too large.").format(part=info.filename))
            scanner.feed(chunk)
            chunks.append(chunk)
        return b"".join(chunks)

    content_types = read_small("[content_types].xml")
    if b"macroenabled" in content_types.lower() or b"vbaproject" in content_types.lower():
        raise refuse(path, _("it is a macro-enabled workbook; a sync package never has macros."))
    try:
        root = relationships(read_small("_rels/.rels"))
        workbook = sheet_ids(read_small("xl/workbook.xml"))
        rels = relationships(read_small("xl/_rels/workbook.xml.rels"))
    except ValueError:
        raise refuse(path, _("the file is damaged (not a complete .xlsx workbook).")) from None
    for rel in root:
        if rel.kind == "officeDocument" and not workbook_target_is_canonical(rel.target):
            raise refuse(
                path, _("its workbook is not where Excel puts it ({part}).").format(part=rel.target)
            )
    return _sheets_of(path, workbook, rels, by_name)


def _sheets_of(
    path: Path,
    workbook: list[tuple[str, str]],
    rels: list[Relationship],
    by_name: dict[str, zipfile.ZipInfo],
) -> dict[str, str]:
    """Worksheet part name (lower case) -> the sheet's name people see.

    Every relationship the reader could open as a sheet must name, as the
    reader resolves it, a worksheet part that is in the file: that part is
    then scanned as a sheet. Anything else is refused, never guessed.
    """
    targets: dict[str, str] = {}
    for rel in rels:
        if not rel.opens_a_sheet:
            continue
        resolved = resolve_sheet_target(rel.target)
        if resolved is None or resolved.lower() not in by_name:
            raise refuse(
                path,
                _(
                    "its workbook refers to a sheet stored at an odd place ({target}). It was "
                    "not made by ACEC Tracker or was changed; ask the sender for a new one."
                ).format(target=rel.target),
            )
        targets[rel.rid] = resolved.lower()
    names: dict[str, str] = {}
    for title, rid in workbook:
        if rid in targets:
            names[targets[rid]] = title
    for resolved in targets.values():
        names.setdefault(resolved, PurePosixPath(resolved).stem)
    # Any worksheet part not reached through the workbook is still scanned as a sheet.
    for lower in by_name:
        if lower.startswith(SHEET_FOLDER) and lower.endswith(".xml") and lower not in names:
            names[lower] = PurePosixPath(lower).stem
    return names
