"""Field values: coercion from what people and files give us, and canonical form.

Canonical form is what dumps, hashes and signatures see, so the same data has
one representation on every site, whether it came from a form, openpyxl
(datetimes at midnight) or calamine (every number a float).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from app.i18n import _
from app.models.codes import codes_of
from app.models.registry import FieldSpec
from app.models.typed_text import normalised_text, storable_text, typed_text_problem

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MAX_MONEY = Decimal("9999999999999.99")  # 15 significant digits survive a spreadsheet


class ValueProblem(ValueError):
    """A value that cannot be used for a field; the message says why."""


def _clean_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _typed_text(spec: FieldSpec, value: Any) -> str:
    """Text a person gave for ``spec``, as kept; ``ValueProblem`` if a workbook cannot hold it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    problem = typed_text_problem(text, _(spec.label))  # positions as typed, before trimming
    if problem is not None:
        raise ValueProblem(problem)
    return normalised_text(text)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise ValueProblem(_("expected a date without a time"))
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _clean_text(value)
    try:
        return dt.date.fromisoformat(text[:10] if len(text) > 10 and text[10] in "T " else text)
    except ValueError as exc:
        raise ValueProblem(
            _("“{value}” is not a date (use YYYY-MM-DD)").format(value=text)
        ) from exc


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueProblem(_("expected a whole number"))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueProblem(_("expected a whole number, not {value}").format(value=value))
    text = _clean_text(value)
    try:
        return int(text)
    except ValueError as exc:
        raise ValueProblem(_("“{value}” is not a whole number").format(value=text)) from exc


def _to_decimal(value: Any, places: int | None) -> Decimal:
    if isinstance(value, bool):
        raise ValueProblem(_("expected a number"))
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(_clean_text(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueProblem(_("“{value}” is not a number").format(value=value)) from exc
    if not number.is_finite():
        raise ValueProblem(_("“{value}” is not a number").format(value=value))
    if places is not None:
        if abs(number) > MAX_MONEY:  # quantize would overflow the context's precision
            raise ValueProblem(_("amount too large"))
        number = number.quantize(Decimal(1).scaleb(-places))
    return number


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _clean_text(value).lower()
    if text in ("true", "yes", "1", "y", "x"):
        return True
    if text in ("false", "no", "0", "n", ""):
        return False
    raise ValueProblem(_("“{value}” is not yes or no").format(value=value))


def _to_text(spec: FieldSpec, value: Any) -> str:
    text = _typed_text(spec, value)
    if spec.max_length and len(text) > spec.max_length:
        raise ValueProblem(
            _("too long ({n} characters, at most {limit})").format(
                n=len(text), limit=spec.max_length
            )
        )
    return text


def _to_money(value: Any) -> Decimal:
    amount = _to_decimal(value, 2)
    if abs(amount) > MAX_MONEY:
        raise ValueProblem(_("amount too large"))
    return amount


def _to_code(spec: FieldSpec, value: Any) -> str:
    code = _clean_text(value)
    if spec.codes in ("country", "site", "currency"):
        code = code.upper()
    assert spec.codes is not None
    if code not in codes_of(spec.codes):
        raise ValueProblem(_("unknown code “{code}”").format(code=code))
    return code


def _to_codes(spec: FieldSpec, value: Any) -> str | None:
    assert spec.codes is not None
    parts = sorted(set(re.split(r"[\s,;]+", _clean_text(value).upper())) - {""})
    valid = codes_of(spec.codes)
    bad = [p for p in parts if p not in valid]
    if bad:
        raise ValueProblem(_("unknown code “{code}”").format(code=bad[0]))
    return " ".join(parts) or None


def _to_ref(value: Any) -> str:
    uid = _clean_text(value).lower()
    if not UUID_RE.match(uid):
        raise ValueProblem(_("“{value}” is not a record id").format(value=value))
    return uid


# How a value of each field type is read (the spec is passed for the types that need it).
_READERS: dict[str, Callable[[FieldSpec, Any], Any]] = {
    "text": _to_text,
    "long": _to_text,
    "int": lambda spec, value: _to_int(value),
    "bool": lambda spec, value: _to_bool(value),
    "date": lambda spec, value: _to_date(value),
    "money": lambda spec, value: _to_money(value),
    "decimal": lambda spec, value: _to_decimal(value, None),
    "code": _to_code,
    "codes": _to_codes,
    "ref": lambda spec, value: _to_ref(value),
}


def coerce(spec: FieldSpec, value: Any) -> Any:
    """Turn an incoming value into the field's Python value, or raise ``ValueProblem``.

    Empty text becomes None; required-ness is checked by the caller.
    """
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return False if spec.type == "bool" else None
    reader = _READERS.get(spec.type)
    if reader is None:
        raise AssertionError(spec.type)
    return reader(spec, value)


def canonical(spec_type: str, value: Any) -> Any:
    """The JSON-ready canonical form of a stored value."""
    if value is None:
        return None
    if spec_type in ("date",):
        return value.isoformat()
    if spec_type == "money":
        return format(Decimal(value).quantize(Decimal("0.01")), "f")
    if spec_type == "decimal":
        text = format(Decimal(value).normalize(), "f")
        return text
    if spec_type == "bool":
        return bool(value)
    if spec_type == "int":
        return int(value)
    if spec_type in ("text", "long"):
        return storable_text(str(value))  # what export sends, also for text stored before the rules
    return unicodedata.normalize("NFC", str(value))
