"""Dates as people type them into a template, read per the user's locale.

``2012-3-5`` and ``2012/03/05`` are year-month-day everywhere. ``05/03/2012``
is read in the order of the locale's short date pattern; when that order does
not settle it (a locale whose pattern puts the year first, or plain English,
which CLDR writes the American way while most of the region writes the day
first), a date that could be either day or month is refused as ambiguous. A
real Excel date cell, or its serial number, is taken as it is.
"""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale
from babel.dates import format_date

from app.i18n import _

_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers read as dates: 1 January 1950 to 31 December 2100. Outside that
# a number in a date column is far more likely a typo (a year typed alone: 2012).
_FIRST_SERIAL, _LAST_SERIAL = 18264, 73415


class DateProblem(ValueError):
    """A value that is not a date we can be sure of; the message says why and what works."""


def _accepted() -> str:
    return _("write it as year-month-day, e.g. 2012-03-05, or use a date cell")


def day_comes_first(locale: Locale) -> bool | None:
    """Whether ``locale`` writes the day before the month in a date ending with its year.

    None when the locale does not say: its short pattern starts with the year, or it
    is English without a territory.
    """
    if locale.language == "en" and not locale.territory:
        return None
    pattern = str(locale.date_formats["short"].pattern)
    day, month, year = pattern.find("d"), pattern.find("M"), pattern.find("y")
    if min(day, month, year) < 0 or year < min(day, month):
        return None
    return bool(day < month)


def _from_serial(number: float) -> dt.date:
    if not float(number).is_integer():
        raise DateProblem(
            _("{value} is a date with a time; {accepted}").format(
                value=number, accepted=_accepted()
            )
        )
    if not _FIRST_SERIAL <= number <= _LAST_SERIAL:
        raise DateProblem(
            _("{value} is a number, not a date; {accepted}").format(
                value=int(number), accepted=_accepted()
            )
        )
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def _day_month_year(text: str, first: int, second: int, year: int, locale: Locale) -> dt.date:
    readings: list[dt.date] = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    distinct = sorted(set(readings))
    if not distinct:
        raise DateProblem(
            _("“{value}” is not a date; {accepted}").format(value=text, accepted=_accepted())
        )
    if len(distinct) == 1:
        return distinct[0]
    order = day_comes_first(locale)
    if order is None:
        raise DateProblem(
            _("“{value}” could be {one} or {other}; {accepted}").format(
                value=text,
                one=format_date(readings[0], "long", locale=locale),
                other=format_date(readings[1], "long", locale=locale),
                accepted=_accepted(),
            )
        )
    return readings[0] if order else readings[1]


def parse_date(raw: object, locale: Locale) -> dt.date:
    """The date ``raw`` stands for; ``DateProblem`` saying why when it is none or unsure."""
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0, 0):
            raise DateProblem(
                _("the cell holds a time as well; {accepted}").format(accepted=_accepted())
            )
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _from_serial(raw)
    text = " ".join(str(raw).split())
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise DateProblem(
                _("“{value}” is not a date; {accepted}").format(value=text, accepted=_accepted())
            ) from None
    if match := _YEAR_LAST.fullmatch(text):
        first, second, year = (int(part) for part in match.groups())
        return _day_month_year(text, first, second, year, locale)
    raise DateProblem(
        _("“{value}” is not a date; {accepted}").format(value=text, accepted=_accepted())
    )
