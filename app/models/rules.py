"""Rules across a record's fields, checked wherever records come in.

Forms (through the services) and packages (through sync) both apply them,
so a record that one office could not save never arrives at another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.errors import Problem
from app.i18n import _

# Only these kinds have rules across fields; sync skips the others cheaply.
RULED_KINDS = frozenset(
    {"activity", "least_developed_member", "funding", "exchange_rate", "person"}
)
FIRST_BIRTH_YEAR = 1900


def rule_problems(kind: str, values: Mapping[str, Any]) -> list[Problem]:
    """What is wrong across the fields of one record (empty when nothing is)."""
    if kind not in RULED_KINDS:
        return []
    problems: list[Problem] = []
    if kind == "person":
        return _birth_year_problems(values.get("birth_year"))
    if kind in ("activity", "least_developed_member"):
        start_field, end_field = (
            ("start_date", "end_date") if kind == "activity" else ("valid_from", "valid_to")
        )
        start, end = values.get(start_field), values.get(end_field)
        if start and end and end < start:
            problems.append(Problem(end_field, _("the end date is before the start date")))
    if kind == "activity" and values.get("topic") and values.get("type") != "training":
        problems.append(Problem("topic", _("only a training has a topic")))
    amount = values.get("amount")
    if kind == "funding" and amount is not None and amount < 0:
        problems.append(Problem("amount", _("an amount cannot be negative")))
    own_rate = values.get("own_rate")
    if kind == "funding" and own_rate is not None and own_rate <= 0:
        problems.append(Problem("own_rate", _("a rate must be more than zero")))
    rate = values.get("rate")
    if kind == "exchange_rate" and rate is not None and rate <= 0:
        problems.append(Problem("rate", _("a rate must be more than zero")))
    return problems


def _birth_year_problems(year: Any) -> list[Problem]:
    """A birth year from 1900 to this year (a later one is a typing slip)."""
    this_year = dt.date.today().year
    if year is None or FIRST_BIRTH_YEAR <= year <= this_year:
        return []
    return [
        Problem(
            "birth_year",
            _("a birth year is a year from {first} to {last}, e.g. 1980").format(
                first=FIRST_BIRTH_YEAR, last=this_year
            ),
        )
    ]
