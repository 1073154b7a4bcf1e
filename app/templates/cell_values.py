"""One cell of a filled template turned into a field's value, per the field's type.

What people really type is accepted (see ``dates``, ``countries``,
``coded_values``, ``amounts``); what is ambiguous is refused with a message
saying why and what would be accepted. References (an organisation, a plan
item) are resolved by the import, which knows the database; they pass here as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from babel import Locale

from app.i18n import _, translated_in
from app.models.registry import FieldSpec
from app.models.values import ValueProblem
from app.templates.amounts import parse_amount, parse_whole_number
from app.templates.coded_values import parse_code, parse_codes
from app.templates.countries import folded
from app.templates.dates import parse_date

_YES = ("yes", "y", "x", "true", "1", "✓", "✔", "是", "có", "ใช่", "ya", "oo", "sim")
_NO = ("no", "n", "false", "0", "否", "không", "ไม่", "tidak", "hindi", "não")


def _bool(spec: FieldSpec, raw: Any, locale: Locale) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    text = folded(str(raw))
    yes = {folded(w) for w in (*_YES, _("Yes"), translated_in("Yes", str(locale)))}
    no = {folded(w) for w in (*_NO, _("No"), translated_in("No", str(locale)))}
    if text in yes - {""}:
        return True
    if text in no - {""}:
        return False
    raise ValueProblem(
        _("“{value}” is not yes or no; write {yes} or {no}").format(
            value=raw, yes=_("Yes"), no=_("No")
        )
    )


def _text(spec: FieldSpec, raw: Any, locale: Locale) -> Any:
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0, 0):
        return raw.date().isoformat()  # a code or number a spreadsheet took for a date
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return raw


_READERS: dict[str, Callable[[FieldSpec, Any, Locale], Any]] = {
    "date": lambda spec, raw, locale: parse_date(raw, locale),
    "money": lambda spec, raw, locale: parse_amount(raw, locale, money=True),
    "decimal": lambda spec, raw, locale: parse_amount(raw, locale),
    "int": lambda spec, raw, locale: parse_whole_number(raw, locale),
    "code": lambda spec, raw, locale: parse_code(spec.codes or "", raw, locale),
    "codes": lambda spec, raw, locale: parse_codes(spec.codes or "", raw, locale),
    "bool": _bool,
    "text": _text,
    "long": _text,
    "ref": _text,
}


def is_blank(raw: Any) -> bool:
    """An empty cell, or one holding only spaces."""
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def read_cell(spec: FieldSpec, raw: Any, locale: Locale) -> Any:
    """The value of ``raw`` for ``spec`` (None when blank); ``ValueProblem`` saying why not."""
    if is_blank(raw):
        return None
    if isinstance(raw, str):
        raw = raw.strip()
    try:
        return _READERS[spec.type](spec, raw, locale)
    except ValueProblem:
        raise
    except ValueError as exc:  # the parsers' own problems, each with its message
        raise ValueProblem(str(exc)) from None
