"""Streaming byte scans of a package's XML parts, for the guard.

Each scanner is fed the inflated bytes of one part, chunk by chunk, and
refuses (``PackageRefused``) what a sync package never holds: DTD or entity
declarations, XML not in UTF-8, too many shared strings, and in worksheets
too many rows or columns (whatever the sheet declares) or a formula cell.
Worksheets as Excel, LibreOffice and our exporter write them take a fast
path of byte searches; anything unusual is read tag by tag.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.i18n import _
from app.sync.errors import Located, PackageRefused
from app.sync.package_limits import PackageLimits

_PREFIX = rb"<(?:[A-Za-z_][\w.\-]*:)?"
_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_SHEET_TOKEN = re.compile(_PREFIX + rb"(row|c|f|dimension)(?=[\s/>])")
_SI_TOKEN = re.compile(_PREFIX + rb"si(?=[\s/>])")
_CELL_REF = re.compile(rb"([A-Za-z]{1,7})(\d{1,12})")


def refuse(path: Path, reason: str, located: Located | None = None) -> PackageRefused:
    message = _("{file} cannot be imported: {reason}").format(file=path.name, reason=reason)
    return PackageRefused(message, [located] if located else None)


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ch - 64)
    return number


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


class XmlScanner:
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
            raise refuse(
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
        not_utf8 = refuse(
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
            raise refuse(
                self.path,
                _("the part {part} holds a tag longer than {n} bytes.").format(
                    part=self.part, n=self.limits.max_tag_bytes
                ),
            ) from None


class SharedStringsScanner(XmlScanner):
    """Counts shared strings while they stream."""

    def __init__(self, path: Path, limits: PackageLimits) -> None:
        super().__init__(path, "xl/sharedStrings.xml", limits)
        self.count = 0
        self._rest = b""

    def handle(self, chunk: bytes) -> None:
        body, self._rest = self._split(self._rest + chunk)
        self.count += len(_SI_TOKEN.findall(body))
        if self.count > self.limits.max_shared_strings:
            raise refuse(
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


class SheetScanner(XmlScanner):
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
                self.column = column_number(ref.group(1))
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
            raise refuse(
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
                if column_number(letters) > self.limits.max_columns:
                    raise self._over(_("more than {n} columns").format(n=self.limits.max_columns))
                self._check_row(int(digits))

    def _check_row(self, number: int) -> None:
        if number > self.limits.max_rows + 1:  # +1: the header row
            raise self._over(_("more than {n} rows").format(n=self.limits.max_rows))

    def _over(self, what: str) -> PackageRefused:
        return refuse(
            self.path,
            _("sheet {sheet} has {what}; a package never has that many.").format(
                sheet=self.sheet, what=what
            ),
        )
