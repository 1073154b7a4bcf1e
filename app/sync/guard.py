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

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import unquote

from app.i18n import _
from app.sync.errors import Located, PackageRefused

MB = 1024 * 1024


@dataclass(frozen=True)
class PackageLimits:
    """The bounds a package file must keep (tests lower them)."""

    max_file_bytes: int = 200 * MB
    max_entries: int = 500
    max_directory_bytes: int = 1 * MB
    max_entry_bytes: int = 256 * MB  # one worksheet part, as inflated
    max_other_part_bytes: int = 32 * MB  # styles, workbook, relations, ...
    max_total_bytes: int = 512 * MB
    max_ratio: int = 100  # inflated / compressed, per entry
    ratio_floor_bytes: int = 1 * MB  # small parts may compress better than max_ratio
    max_shared_strings_bytes: int = 64 * MB  # openpyxl holds this part whole
    max_shared_strings: int = 1_000_000
    # Readers make a dense grid of rows x columns: 200,000 x 40 bounds it.
    max_rows: int = 200_000  # per worksheet, not counting the header
    max_columns: int = 40
    max_tag_bytes: int = 1 * MB


DEFAULT_LIMITS = PackageLimits()
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
_PREFIX = rb"<(?:[A-Za-z_][\w.\-]*:)?"
_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_SHEET_TOKEN = re.compile(_PREFIX + rb"(row|c|f|dimension)(?=[\s/>])")
_SI_TOKEN = re.compile(_PREFIX + rb"si(?=[\s/>])")
_CELL_REF = re.compile(rb"([A-Za-z]{1,7})(\d{1,12})")


def _refuse(path: Path, reason: str, located: Located | None = None) -> PackageRefused:
    message = _("{file} cannot be imported: {reason}").format(file=path.name, reason=reason)
    return PackageRefused(message, [located] if located else None)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ch - 64)
    return number


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
        raise _refuse(
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
        raise _refuse(path, _("the file is damaged (not a complete .xlsx workbook).")) from None


def _check_kind(path: Path, head: bytes, size: int, limits: PackageLimits) -> None:
    if size > limits.max_file_bytes:
        raise _refuse(
            path,
            _("the file is {size} MB; a package may be at most {limit} MB.").format(
                size=size // MB, limit=limits.max_file_bytes // MB
            ),
        )
    if size == 0:
        raise _refuse(path, _("the file is empty."))
    if head.startswith(_OLE_MAGIC):
        raise _refuse(
            path,
            _(
                "it is an encrypted (password-protected) workbook or an old .xls file. "
                "Remove the password or save it as .xlsx, then import it again."
            ),
        )
    if not head.startswith(_ZIP_MAGICS):
        raise _refuse(
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
        raise _refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
    (_sig, _disk, _cd_disk, _n_here, entries, cd_size, _cd_offset, _clen) = struct.unpack(
        "<4sHHHHIIH", tail[at : at + 22]
    )
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
        locator_at = at - 20
        if locator_at < 0 or tail[locator_at : locator_at + 4] != _ZIP64_LOCATOR:
            raise _refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
        (eocd64_offset,) = struct.unpack("<Q", tail[locator_at + 8 : locator_at + 16])
        if eocd64_offset + 56 > size:
            raise _refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
        fh.seek(eocd64_offset)
        record = fh.read(56)
        if record[:4] != _ZIP64_EOCD:
            raise _refuse(path, _("the file is damaged (not a complete .xlsx workbook)."))
        entries, cd_size = struct.unpack("<QQ", record[32:48])
    _check_entry_count(path, entries, limits)
    if cd_size > limits.max_directory_bytes:
        raise _refuse(path, _("its list of parts is too large ({n} bytes).").format(n=cd_size))


def _check_entry_count(path: Path, entries: int, limits: PackageLimits) -> None:
    if entries > limits.max_entries:
        raise _refuse(
            path,
            _("it has {n} parts; a package has far fewer (at most {limit}).").format(
                n=entries, limit=limits.max_entries
            ),
        )


def _walk_zip(path: Path, fh: BinaryIO, size: int, limits: PackageLimits) -> None:
    with zipfile.ZipFile(fh) as archive:
        infos = archive.infolist()
    _check_entry_count(path, len(infos), limits)
    names = [info.filename for info in infos]
    lowered = {name.lower() for name in names}
    if len(lowered) != len(names):
        raise _refuse(path, _("it holds the same part twice; the file was tampered with."))
    if "mimetype" in lowered and "[content_types].xml" not in lowered:
        raise _refuse(
            path,
            _("it is an OpenDocument (.ods) spreadsheet. Import the .xlsx package as it was sent."),
        )
    for name in sorted(lowered):
        for marker, what in _FORBIDDEN_PARTS:
            if marker in "/" + name:
                raise _refuse(
                    path,
                    _("it contains {what}, which a sync package never has.").format(what=_(what)),
                )
    if "[content_types].xml" not in lowered or "xl/workbook.xml" not in lowered:
        raise _refuse(path, _("it is a zip file but not an Excel .xlsx workbook."))
    sheet_names = _sheet_names(path, fh, infos, limits)
    total = 0
    for info in infos:
        total += _check_entry(path, fh, size, info, sheet_names, limits, total)


def _raw_stream(
    path: Path, fh: BinaryIO, size: int, info: zipfile.ZipInfo, limits: PackageLimits
) -> Iterator[tuple[bytes, int]]:
    """The inflated bytes of one entry in chunks, each with the compressed bytes read so far.

    Read from the entry's own local header with our own inflater, so no
    declared size limits or hides what comes out.
    """
    if info.flag_bits & 0x1:
        raise _refuse(path, _("it is encrypted. Remove the password and import it again."))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _refuse(path, _("it uses a compression Excel does not write."))
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
        raise _refuse(
            path, _("its parts are listed under two different names; it was tampered with.")
        )
    start = info.header_offset + 30 + name_len + extra_len
    left = info.compress_size
    if start + left > size:
        raise zipfile.BadZipFile("entry beyond end")
    fh.seek(start)
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0:
        data = fh.read(min(_CHUNK, left))
        if not data:
            raise zipfile.BadZipFile("truncated")
        left -= len(data)
        if inflater is None:
            yield data, info.compress_size - left
            continue
        while data:
            out = inflater.decompress(data, _CHUNK)
            data = inflater.unconsumed_tail
            if out:
                yield out, info.compress_size - left - len(data)
            if inflater.eof:
                break
    if inflater is not None:
        while not inflater.eof:
            out = inflater.decompress(b"", _CHUNK)
            if not out:
                break
            yield out, info.compress_size
        if not inflater.eof:
            raise zipfile.BadZipFile("deflate stream incomplete")


def _check_entry(
    path: Path,
    fh: BinaryIO,
    size: int,
    info: zipfile.ZipInfo,
    sheet_names: dict[str, str],
    limits: PackageLimits,
    total_before: int,
) -> int:
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
        _SheetScanner(path, sheet_names[lower], limits)
        if is_sheet
        else _SharedStringsScanner(path, limits)
        if is_shared
        else _XmlScanner(path, name, limits)
        if is_xml
        else None
    )
    inflated = 0
    crc = 0
    for chunk, consumed in _raw_stream(path, fh, size, info, limits):
        inflated += len(chunk)
        if inflated > cap or total_before + inflated > limits.max_total_bytes:
            raise _refuse(
                path,
                _("the part {part} inflates beyond {limit} MB (a zip bomb?).").format(
                    part=name, limit=min(cap, limits.max_total_bytes) // MB
                ),
            )
        # Checked against what was read so far: a bomb is caught within its first megabytes.
        if inflated > limits.ratio_floor_bytes + limits.max_ratio * consumed:
            raise _refuse(
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
        raise _refuse(
            path,
            _("the file is damaged (part {part} does not match its checksum).").format(part=name),
        )
    return inflated


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
        scanner = _XmlScanner(path, info.filename, small)
        total = 0
        for chunk, _consumed in _raw_stream(path, fh, size, info, small):
            total += len(chunk)
            if total > small.max_other_part_bytes:
                raise _refuse(path, _("the part {part} is too large.").format(part=info.filename))
            scanner.feed(chunk)
            chunks.append(chunk)
        return b"".join(chunks)

    content_types = read_small("[content_types].xml")
    if b"macroenabled" in content_types.lower() or b"vbaproject" in content_types.lower():
        raise _refuse(path, _("it is a macro-enabled workbook; a sync package never has macros."))
    root_rels = read_small("_rels/.rels")
    for match in re.finditer(rb"<(?:[\w.\-]+:)?Relationship\b([^>]*)>", root_rels):
        attrs = match.group(1)
        kind = re.search(rb"""\bType\s*=\s*["']([^"']*)["']""", attrs)
        target = re.search(rb"""\bTarget\s*=\s*["']([^"']*)["']""", attrs)
        if kind and kind.group(1).endswith(b"/officeDocument"):
            raw = unquote(target.group(1).decode("utf-8", "replace")) if target else ""
            if posixpath.normpath(raw).lstrip("/").lower() != "xl/workbook.xml":
                raise _refuse(
                    path, _("its workbook is not where Excel puts it ({part}).").format(part=raw)
                )
    workbook = read_small("xl/workbook.xml")
    rels = read_small("xl/_rels/workbook.xml.rels")
    targets: dict[bytes, str] = {}
    for match in re.finditer(rb"<(?:[\w.\-]+:)?Relationship\b([^>]*)>", rels):
        attrs = match.group(1)
        rid = re.search(rb"""\bId\s*=\s*["']([^"']*)["']""", attrs)
        target = re.search(rb"""\bTarget\s*=\s*["']([^"']*)["']""", attrs)
        if rid and target:
            raw = target.group(1).decode("utf-8", "replace")
            joined = raw.lstrip("/") if raw.startswith("/") else str(PurePosixPath("xl") / raw)
            resolved = posixpath.normpath(unquote(joined)).lstrip("/")
            targets[rid.group(1)] = resolved.lower()
    names: dict[str, str] = {}
    for match in re.finditer(rb"<(?:[\w.\-]+:)?sheet\b([^>]*)>", workbook):
        attrs = match.group(1)
        title = re.search(rb"""\bname\s*=\s*["']([^"']*)["']""", attrs)
        rid = re.search(rb"""\bid\s*=\s*["']([^"']*)["']""", attrs)
        if title and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = title.group(1).decode("utf-8", "replace")
    # Any worksheet part not reached through the workbook is still scanned as a sheet.
    for lower in by_name:
        if lower.startswith("xl/worksheets/") and lower.endswith(".xml") and lower not in names:
            names[lower] = PurePosixPath(lower).stem
    return names


def _split_at_last_tag(text: bytes, limit: int) -> tuple[bytes, bytes]:
    """Split streamed XML so every tag start in the first part is complete."""
    cut = text.rfind(b"<")
    if cut < 0:
        return text, b""
    if len(text) - cut > limit:
        if b">" not in text[cut:]:
            raise ValueError("tag too long")
        return text, b""
    return text[:cut], text[cut:]


class _XmlScanner:
    """Refuses DTDs and entity declarations (billion laughs) and non-UTF-8 XML."""

    def __init__(self, path: Path, part: str, limits: PackageLimits) -> None:
        self.path = path
        self.part = part
        self.limits = limits
        self._tail = b""
        self._started = False

    def feed(self, chunk: bytes) -> None:
        start = 0
        if not self._started:
            stripped = (self._tail + chunk).lstrip(b" \t\r\n")
            if stripped.startswith(b"\xef\xbb\xbf"):
                stripped = stripped[3:]
            if stripped:
                self._started = True
                start = self._declaration_end(stripped, chunk)
        window = self._tail + chunk
        if _DECL.search(window):
            raise _refuse(
                self.path,
                _(
                    "the part {part} declares a DTD or entities (an XML expansion attack); "
                    "Excel never writes those."
                ).format(part=self.part),
            )
        self._tail = window[-16:]
        self.handle(chunk[start:] if start else chunk)

    def _declaration_end(self, stripped: bytes, chunk: bytes) -> int:
        """Refuse anything but UTF-8 XML; where the XML declaration ends in ``chunk``."""
        not_utf8 = _refuse(
            self.path,
            _("the part {part} is not UTF-8 XML as Excel writes it.").format(part=self.part),
        )
        if stripped[:1] != b"<":
            raise not_utf8
        if not stripped.startswith(b"<?xml"):
            return 0
        end = stripped.find(b"?>", 0, 400)
        if end < 0:
            return 0
        encoding = re.search(rb"""encoding\s*=\s*["']([^"']*)["']""", stripped[:end])
        if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
            raise not_utf8
        at = chunk.find(stripped[: end + 2])
        return at + end + 2 if at >= 0 else 0

    def handle(self, chunk: bytes) -> None:
        return None

    def close(self) -> None:
        return None

    def _split(self, text: bytes) -> tuple[bytes, bytes]:
        try:
            return _split_at_last_tag(text, self.limits.max_tag_bytes)
        except ValueError:
            raise _refuse(
                self.path,
                _("the part {part} holds a tag longer than {n} bytes.").format(
                    part=self.part, n=self.limits.max_tag_bytes
                ),
            ) from None


class _SharedStringsScanner(_XmlScanner):
    """Counts shared strings while they stream."""

    def __init__(self, path: Path, limits: PackageLimits) -> None:
        super().__init__(path, "xl/sharedStrings.xml", limits)
        self.count = 0
        self._rest = b""

    def handle(self, chunk: bytes) -> None:
        body, self._rest = self._split(self._rest + chunk)
        self.count += len(_SI_TOKEN.findall(body))
        if self.count > self.limits.max_shared_strings:
            raise _refuse(
                self.path,
                _("it has more than {n} different texts.").format(n=self.limits.max_shared_strings),
            )


def _letters_beyond(cap: int) -> bytes:
    """A regex for column letters numbered above ``cap`` (1 <= cap <= 702)."""
    alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def above(letter_index: int) -> str:  # letters after alpha[letter_index], both cases
        rest = alpha[letter_index + 1 :]
        return f"[{rest}{rest.lower()}]" if rest else ""

    parts = ["[A-Za-z]{3}"]
    if cap < 26:
        parts.append(above(cap - 1) if cap >= 1 else "[A-Za-z]")
        parts.append("[A-Za-z]{2}")
    else:
        first, second = divmod(cap - 1, 26)  # cap as two letters: alpha[first-1] alpha[second]
        if above(second):
            parts.append(f"[{alpha[first - 1]}{alpha[first - 1].lower()}]{above(second)}")
        if above(first - 1):
            parts.append(f"{above(first - 1)}[A-Za-z]")
    return "|".join(p for p in parts if p).encode("ascii")


def _number_beyond(cap: int) -> bytes:
    """A regex for a decimal number (leading zeros counted as digits) above ``cap``."""
    digits = str(cap)
    parts = [f"\\d{{{len(digits) + 1},}}"]
    for i, ch in enumerate(digits):
        if ch != "9":
            tail = len(digits) - i - 1
            parts.append(f"{digits[:i]}[{int(ch) + 1}-9]" + (f"\\d{{{tail}}}" if tail else ""))
    return "|".join(parts).encode("ascii")


_ATTRIBUTE = re.compile(rb"""\s*([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")
_PREFIXED_TAG = re.compile(rb"<[\w.\-]+:")
_ODD_CELL = re.compile(rb"<c[\t\r\n/>]")
_ODD_ROW = re.compile(rb"<row[\t\r\n/>]")
_MARKUP_DECLARATION = re.compile(rb"<[!?]")
_FORMULA = re.compile(rb"<f[\s/>]")
# LibreOffice Calc writes every boolean cell as a constant formula with its value
# cached; those (and only those, with the matching value) are not formulas to us.
_BOOLEAN_FORMULAS = (
    b't="b"><f aca="false">FALSE()</f><v>0</v></c>',
    b't="b"><f aca="false">TRUE()</f><v>1</v></c>',
    b't="b"><f>FALSE()</f><v>0</v></c>',
    b't="b"><f>TRUE()</f><v>1</v></c>',
)
_BOOLEAN_AT = len(b't="b">')


def _attributes(body: bytes, at: int) -> dict[bytes, bytes]:
    """The attributes of the tag whose name ends at ``at`` (XML grammar, not guesses)."""
    found: dict[bytes, bytes] = {}
    while True:
        match = _ATTRIBUTE.match(body, at)
        if match is None:
            return found
        if match.group(1) in found:
            raise ValueError("duplicate attribute")  # damaged XML; refused by the caller
        found[match.group(1)] = match.group(2)[1:-1]
        at = match.end()


class _SheetScanner(_XmlScanner):
    """Counts rows and columns of one worksheet and refuses formula cells.

    Files as Excel, LibreOffice and our exporter write them (no namespace
    prefixes, every cell and row with a plain ``r="..."``) take a fast path of
    byte counts and searches; anything else is read tag by tag.
    """

    def __init__(self, path: Path, sheet: str, limits: PackageLimits) -> None:
        super().__init__(path, _("sheet {sheet}").format(sheet=sheet), limits)
        if not 1 <= limits.max_columns <= 702:
            raise ValueError("max_columns must be between 1 and 702")
        self.sheet = sheet
        self.rows = 0
        self.row_number = 0
        self.cells_in_row = 0
        self.column = 0
        self._rest = b""
        rows_beyond = _number_beyond(limits.max_rows + 1)
        long_row = str(len(str(limits.max_rows + 1))).encode()
        self._bad_column = re.compile(rb'<c r="(?:' + _letters_beyond(limits.max_columns) + rb")\d")
        # Most sheets have no row number as long as the cap's: a cheap search rules them out.
        self._long_cell_row = re.compile(rb'<c r="[A-Za-z]*\d{' + long_row + rb"}")
        self._bad_cell_row = re.compile(rb'<c r="[A-Za-z]*(?:' + rows_beyond + rb')"')
        self._long_row = re.compile(rb'<row r="\d{' + long_row + rb"}")
        self._bad_row = re.compile(rb'<row r="(?:' + rows_beyond + rb')"')

    def handle(self, chunk: bytes) -> None:
        text = self._rest + chunk
        # Cut after a whole row (or cell) when there is one, so no cell straddles two bodies.
        for boundary in (b"</row>", b"</c>"):
            cut = text.rfind(boundary)
            if cut >= 0:
                cut += len(boundary)
                body, self._rest = text[:cut], text[cut:]
                break
        else:
            body, self._rest = self._split(text)
        self._scan(body)

    def close(self) -> None:
        body, self._rest = self._rest, b""
        self._scan(body)

    def _scan(self, body: bytes) -> None:
        if body and not self._fast(body):
            for match in _SHEET_TOKEN.finditer(body):
                self._token(match.group(1), body, match.end())

    def _fast(self, body: bytes) -> bool:
        """Check ``body`` with byte searches; False when it needs the tag-by-tag path.

        Exact for what readers use to place cells, because of what it demands:
        no prefixed tags, comments, CDATA or processing instructions, no cell
        or row tag in an unusual form, and every cell and row tag opening with
        its ``r="..."`` as first attribute, so each reference is read right
        at its tag start, whatever the text holds. (A second ``r`` attribute
        is a duplicate, which expat refuses; calamine reads the first.)
        """
        if b"<" not in body:
            return True  # text only
        if _MARKUP_DECLARATION.search(body) or _ODD_CELL.search(body) or _ODD_ROW.search(body):
            return False
        if b":" in body and _PREFIXED_TAG.search(body):
            return False
        cells, rows = body.count(b"<c "), body.count(b"<row ")
        if (
            body.count(b'<c r="') != cells
            or body.count(b'<row r="') != rows
            or self.rows + rows > self.limits.max_rows
        ):
            return False
        if self._bad_column.search(body):
            return False  # the tag-by-tag path names the row of the problem
        if _FORMULA.search(body) and len(_FORMULA.findall(body)) != sum(
            body.count(pattern) for pattern in _BOOLEAN_FORMULAS
        ):
            return False
        if self._long_cell_row.search(body) and self._bad_cell_row.search(body):
            return False
        if self._long_row.search(body) and self._bad_row.search(body):
            return False
        dimension = body.find(b"<dimension ")
        if dimension >= 0:
            self._token(b"dimension", body, dimension + len(b"<dimension"))
        self.rows += rows
        last_row = body.rfind(b'<row r="')
        if last_row >= 0:
            number = _attributes(body, last_row + len(b"<row")).get(b"r", b"")
            self.row_number = int(number) if number.isdigit() else self.row_number
        return True

    def _token(self, kind: bytes, body: bytes, at: int) -> None:
        if kind == b"c":
            self.cells_in_row += 1
            ref = _CELL_REF.fullmatch(_attributes(body, at).get(b"r", b""))
            if ref:
                self.column = _column_number(ref.group(1))
                self._check_row(int(ref.group(2)))
            else:
                self.column += 1
            if self.column > self.limits.max_columns or self.cells_in_row > self.limits.max_columns:
                raise self._over(_("more than {n} columns").format(n=self.limits.max_columns))
        elif kind == b"row":
            self.rows += 1
            self.cells_in_row = 0
            self.column = 0
            number = _attributes(body, at).get(b"r", b"")
            self.row_number = int(number) if number.isdigit() else self.row_number + 1
            if self.rows > self.limits.max_rows:
                raise self._over(_("more than {n} rows").format(n=self.limits.max_rows))
            self._check_row(self.row_number)
        elif kind == b"f" and not any(
            body.startswith(pattern, at - 2 - _BOOLEAN_AT) for pattern in _BOOLEAN_FORMULAS
        ):
            raise _refuse(
                self.path,
                _(
                    "sheet {sheet}, row {row}: a cell holds a formula. Packages hold values only; "
                    "export the package again instead of editing it."
                ).format(sheet=self.sheet, row=self.row_number),
                Located(_("a formula cell"), sheet=self.sheet, row=self.row_number or None),
            )
        elif kind == b"dimension":
            area = _attributes(body, at).get(b"ref", b"")
            for letters, digits in _CELL_REF.findall(area):
                if _column_number(letters) > self.limits.max_columns:
                    raise self._over(_("more than {n} columns").format(n=self.limits.max_columns))
                self._check_row(int(digits))

    def _check_row(self, number: int) -> None:
        if number > self.limits.max_rows + 1:  # +1: the header row
            raise self._over(_("more than {n} rows").format(n=self.limits.max_rows))

    def _over(self, what: str) -> PackageRefused:
        return _refuse(
            self.path,
            _("sheet {sheet} has {what}; a package never has that many.").format(
                sheet=self.sheet, what=what
            ),
        )
