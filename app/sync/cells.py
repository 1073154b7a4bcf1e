"""Cell values to field values and to canonical form, fast enough for 100,000 rows.

Each column gets one converter. Its fast path handles what our own writer
produced and what calamine or openpyxl give back (numbers as floats, dates as
``date`` or midnight ``datetime``); anything else goes through the general
``app.models.values.coerce``, so a hand-edited cell is judged by the same
rules as a form. Export runs the same converters on the database's values,
so both ends hash exactly the same canonical values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

from app.i18n import _
from app.models import FieldSpec
from app.models.codes import codes_of
from app.models.typed_text import normalised_text, storable_text, unstorable_problem
from app.models.values import MAX_MONEY, UUID_RE, ValueProblem, canonical, coerce
from app.sync.layout import Column

CENT = Decimal("0.01")
MAX_INT = 2**63  # SQLite's INTEGER
MAX_MONEY_FLOAT = float(MAX_MONEY)
Converter = Callable[[Any], Any]


def _text(spec: FieldSpec) -> Converter:
    """Text from a cell: refused when it holds what no workbook can (a hand-edited file)."""
    label = _(spec.label)

    def unprintable(raw: str, text: str) -> str:
        problem = unstorable_problem(raw, label)
        if problem is not None:
            raise ValueProblem(problem)
        return normalised_text(text)

    return _text_converter(spec, unprintable)


def _stored_text(spec: FieldSpec) -> Converter:
    """Text from the database, for export: what was stored before the text rules is made
    storable (unstorable characters become U+FFFD, line breaks LF) instead of refused, as
    ``canonical`` does, so a genuine package always passes its own content check."""
    return _text_converter(spec, lambda _raw, text: storable_text(text))


def _text_converter(spec: FieldSpec, unprintable: Callable[[str, str], str]) -> Converter:
    """Stripped, NFC text within the field's length; ``unprintable`` deals with the rest."""
    limit = spec.max_length

    def convert(raw: Any) -> Any:
        if type(raw) is not str:
            return _coerce(spec, raw)
        text = raw.strip()
        if not text:
            return None
        # isprintable() is a fast screen: controls, tabs and line breaks fail it.
        if not text.isprintable():
            text = unprintable(raw, text)
        elif not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if limit and len(text) > limit:
            return _coerce(spec, text)  # raises the readable "too long"
        return text

    return convert


_VERSION = re.compile(r"\d{13}\.\d{6}\.[A-Z]{2,3}")


def _version(spec: FieldSpec) -> Converter:
    match = _VERSION.fullmatch

    def convert(raw: Any) -> Any:
        text = raw.strip() if isinstance(raw, str) else ""
        if not match(text):
            raise ValueProblem(_("“{value}” is not a record version").format(value=raw))
        return text

    return convert


def _code(spec: FieldSpec) -> Converter:
    assert spec.codes is not None
    valid = frozenset(codes_of(spec.codes))

    def convert(raw: Any) -> Any:
        if type(raw) is str and raw in valid:
            return raw
        return _coerce(spec, raw)

    return convert


def _ref(spec: FieldSpec) -> Converter:
    match = UUID_RE.match

    def convert(raw: Any) -> Any:
        if type(raw) is str and len(raw) == 36 and match(raw):
            return raw
        return _coerce(spec, raw)

    return convert


def _date(spec: FieldSpec) -> Converter:
    def convert(raw: Any) -> Any:
        if type(raw) is dt.date:
            return raw
        return _coerce(spec, raw)

    return convert


def _int(spec: FieldSpec) -> Converter:
    def convert(raw: Any) -> Any:
        kind = type(raw)
        if kind is float and raw.is_integer() and abs(raw) < MAX_INT:
            return int(raw)
        value = raw if kind is int else _coerce(spec, raw)
        if value is not None and abs(value) >= MAX_INT:
            raise ValueProblem(_("the number is too large"))
        return value

    return convert


def _money(spec: FieldSpec) -> Converter:
    def convert(raw: Any) -> Any:
        kind = type(raw)
        if kind is float:
            if not math.isfinite(raw) or abs(raw) > MAX_MONEY_FLOAT:
                raise ValueProblem(_("amount too large"))
            amount = Decimal(repr(raw)).quantize(CENT)
        elif kind is Decimal:
            amount = raw.quantize(CENT)
        else:
            return _coerce(spec, raw)
        if abs(amount) > MAX_MONEY:
            raise ValueProblem(_("amount too large"))
        return amount

    return convert


def _bool(spec: FieldSpec) -> Converter:
    def convert(raw: Any) -> Any:
        if type(raw) is bool:
            return raw
        return _coerce(spec, raw)

    return convert


def _general(spec: FieldSpec) -> Converter:
    def convert(raw: Any) -> Any:
        value = _coerce(spec, raw)
        if isinstance(value, Decimal) and abs(value.adjusted()) > 30:
            raise ValueProblem(_("“{value}” is out of range").format(value=raw))
        return value

    return convert


def _coerce(spec: FieldSpec, raw: Any) -> Any:
    """``coerce``, with arithmetic failures (a huge exponent, say) reported like bad values."""
    try:
        return coerce(spec, raw)
    except ArithmeticError:
        raise ValueProblem(_("“{value}” is not a number in range").format(value=raw)) from None


_FACTORIES: dict[str, Callable[[FieldSpec], Converter]] = {
    "text": _text,
    "long": _text,
    "version": _version,
    "code": _code,
    "ref": _ref,
    "date": _date,
    "int": _int,
    "money": _money,
    "bool": _bool,
}


def converter(spec: FieldSpec, *, stored: bool = False) -> Converter:
    """The function turning a cell's value (a stored one with ``stored``) into the field's value."""
    if stored and spec.type in ("text", "long"):
        return _stored_text(spec)
    return _FACTORIES.get(spec.type, _general)(spec)


def _canon_money(value: Any) -> Any:
    return None if value is None else format(value, "f")


def _canon_date(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _same(value: Any) -> Any:
    return value


def canonizer(spec: FieldSpec) -> Callable[[Any], Any]:
    """The function giving a converted value's canonical (JSON-ready) form."""
    if spec.type == "money":
        return _canon_money  # converters already quantised it
    if spec.type == "date":
        return _canon_date
    if spec.type in ("text", "long", "code", "ref", "version", "int", "bool", "codes"):
        return _same  # converters already gave NFC text, int or bool
    return lambda value: canonical(spec.type, value)


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_first = itemgetter(0)


def check_codes(canonical_row: list[Any]) -> str:
    """Two hex digits per value: lets import say which cell of a row was changed."""
    return bytes(zlib.crc32(repr(v).encode("utf-8")) & 0xFF for v in canonical_row).hex()


def sheet_hash(
    kind: str, columns: Sequence[Column], canonical_rows: Sequence[Sequence[Any]]
) -> str:
    """The content hash of a sheet: its kind, its column keys and its records sorted by id.

    Records are canonical value lists serialised as one compact UTF-8 JSON
    array, so the order of rows in the workbook does not matter.
    """
    hasher = SheetHasher(kind, columns)
    for row in sorted(canonical_rows, key=_first):
        hasher.add(row)
    return hasher.hexdigest()


class SheetHasher:
    """``sheet_hash`` of rows given one at a time in order of id, keeping none of them.

    The same bytes as ``sheet_hash``: the JSON array is written ``batch`` rows at
    a time (``[`` rows joined by ``,`` ``]``). Rows with equal ids keep the order
    they come in, as the stable sort does. A row out of order is refused: the
    hash of rows as given would not be the sheet's.
    """

    def __init__(self, kind: str, columns: Sequence[Column], *, batch: int = 2000) -> None:
        self._hash = hashlib.sha256()
        self._hash.update(kind.encode("utf-8") + b"\n")
        self._hash.update(",".join(c.key for c in columns if c.hashed).encode("utf-8") + b"\n")
        self._hash.update(b"[")
        self._batch = batch
        self._pending: list[Sequence[Any]] = []
        self._last_id: Any = None
        self.rows = 0

    def add(self, canonical_row: Sequence[Any]) -> None:
        row_id = canonical_row[0]
        if self.rows and row_id < self._last_id:
            raise ValueError(f"rows must come in order of id: {row_id!r} after {self._last_id!r}")
        self._last_id = row_id
        self._pending.append(canonical_row)
        self.rows += 1
        if len(self._pending) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        text = _ENCODE(self._pending)[1:-1]  # the rows without the array's brackets
        separator = "," if self.rows > len(self._pending) else ""
        self._hash.update((separator + text).encode("utf-8"))
        self._pending = []

    def hexdigest(self) -> str:
        """The hash of the sheet of the rows added so far."""
        self._flush()
        final = self._hash.copy()
        final.update(b"]")
        return final.hexdigest()


def sheet_hash_of_records(
    kind: str,
    columns: Sequence[Column],
    records: Sequence[Sequence[Any]],
    canonize: Callable[[Any], Sequence[Any]],
    chunk: int = 5000,
) -> str:
    """``sheet_hash`` of the records' canonical forms, without holding them all at once.

    The same bytes are hashed: the JSON array of the sorted canonical rows is
    written a few thousand rows at a time (``[`` rows joined by ``,`` ``]``).
    """
    h = hashlib.sha256()
    h.update(kind.encode("utf-8") + b"\n")
    h.update(",".join(c.key for c in columns if c.hashed).encode("utf-8") + b"\n")
    order = sorted(range(len(records)), key=lambda pos: records[pos][0])
    h.update(b"[")
    for start in range(0, len(order), chunk):
        rows = [canonize(records[pos]) for pos in order[start : start + chunk]]
        text = _ENCODE(rows)[1:-1]  # the rows without the array's brackets
        h.update(("," + text if start else text).encode("utf-8"))
    h.update(b"]")
    return h.hexdigest()
