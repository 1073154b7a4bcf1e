"""The two example rows of a template: what a filled row looks like (never imported)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.i18n import _
from app.models.codes import COUNTRY_CODES, label_of
from app.templates.layout import EXAMPLE_KEY, PARTICIPATION_PREFIX, TemplateColumn
from app.templates.request import TemplateRequest

_P = PARTICIPATION_PREFIX
_PEOPLE = (
    {
        "name": "Nguyen Thi Lan",
        "name_local": "Nguyễn Thị Lan",
        "gender": ("gender", "f"),
        "birth_year": 1985,
        "position": "Environmental officer",
        "category": ("person_category", "official"),
        "email": "lan.nguyen@example.org",
        "phone": "+84 24 3822 0000",
        "consent": True,
        _P + "role": ("participation_role", "trainee"),
        _P + "completed": False,
    },
    {
        "name": "Sok Dara",
        "name_local": "សុខ ដារ៉ា",
        "gender": ("gender", "m"),
        "birth_year": 1979,
        "position": "Laboratory chief",
        "category": ("person_category", "expert"),
        "email": "dara.sok@example.org",
        "phone": "+855 23 000 000",
        "consent": False,
        _P + "role": ("participation_role", "trainer"),
        _P + "completed": True,
    },
)
_ACTIVITIES = (
    {
        "item_uid": "2.5",
        "title": "Training on environmental impact assessment",
        "type": ("activity_type", "training"),
        "status": ("activity_status", "planned"),
        "topic": ("training_topic", "eia"),
        "start_date": dt.date(2012, 3, 5),
        "end_date": dt.date(2012, 3, 9),
        "host_country": ("country", "CN"),
        "city": "Beijing",
        "countries": "VN, KH, LA",
    },
    {
        "item_uid": "1.2",
        "title": "China–ASEAN environmental cooperation forum",
        "type": ("activity_type", "forum"),
        "status": ("activity_status", "completed"),
        "start_date": dt.date(2011, 10, 21),
        "host_country": ("country", "CN"),
        "city": "Nanning",
    },
)
_ENVOYS = (
    {
        "person_uid": "Nguyen Thi Lan",
        "sector": ("envoy_sector", "school"),
        "year": 2012,
        "notes": "Youth exchange 2012",
    },
    {"person_uid": "Sok Dara", "sector": ("envoy_sector", "research"), "year": 2013},
)
_FUNDING = (
    {
        "activity_uid": "Training on environmental impact assessment",
        "kind": ("funding_kind", "commitment"),
        "source": ("funding_source", "cafund"),
        "amount": 25000.5,
        "currency": "USD",
        "date": dt.date(2012, 1, 15),
    },
    {
        "activity_uid": "Training on environmental impact assessment",
        "kind": ("funding_kind", "disbursement"),
        "source": ("funding_source", "china"),
        "amount": 120000,
        "currency": "CNY",
        "date": dt.date(2012, 3, 1),
        "notes": "First half",
    },
)
_BY_KIND = {"person": _PEOPLE, "activity": _ACTIVITIES, "green_envoy": _ENVOYS, "funding": _FUNDING}


def _shown(value: Any) -> Any:
    if isinstance(value, tuple):
        return label_of(*value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def example_rows(request: TemplateRequest, columns: list[TemplateColumn]) -> list[dict[str, Any]]:
    """Two rows of shown values by column key, each marked as an example."""
    keys = {column.key for column in columns}
    country = request.site if request.site in COUNTRY_CODES else "VN"
    rows = []
    for number, values in enumerate(_BY_KIND[request.kind], start=1):
        row = {key: _shown(value) for key, value in values.items() if key in keys}
        if request.kind == "person":
            row["country"] = label_of("country", country if number == 1 else "KH")
        row[EXAMPLE_KEY] = _("Example {n}: not imported").format(n=number)
        rows.append(row)
    return rows
