"""Values as a person types them in a form field or on the command line, read alike.

An amount or a rate is typed in the user's language ("25,000.50" in English,
"25.000,5" in Vietnamese); everything else is passed on as typed, and the
record services coerce and check it (``app.services.validation``).
"""

from __future__ import annotations

from typing import Any

from app.errors import Problem, ValidationError
from app.i18n import _, parse_number
from app.models import fields_of


def entered_value(field_type: str, text: str) -> Any:
    """What a field of ``field_type`` holds when ``text`` is typed into it."""
    if field_type in ("money", "decimal"):
        number = parse_number(text)
        if number is not None:
            return str(number)
    return text  # the service says what is wrong with it


def entered_values(kind: str, assignments: list[str]) -> dict[str, Any]:
    """``FIELD=VALUE`` texts as the form would read them (``FIELD=`` empties a field)."""
    types = {spec.name: spec.type for spec in fields_of(kind)}
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for assignment in assignments:
        name, equals, text = assignment.partition("=")
        name = name.strip()
        if not equals or not name:
            problems.append(
                Problem(assignment, _("write FIELD=VALUE, for instance title=EIA training"))
            )
        elif name not in types:
            fields = ", ".join(types)
            problems.append(
                Problem(name, _("no such field; the fields are: {fields}").format(fields=fields))
            )
        else:
            values[name] = entered_value(types[name], text)
    if problems:
        raise ValidationError(problems)
    return values
