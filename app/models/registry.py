"""Every synced record kind, in the order that satisfies references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect

from app.models.activity import Activity, ActivityOutput, ActivityPartner
from app.models.base import SyncedRecord
from app.models.funding import Funding
from app.models.identity_link import IdentityLink
from app.models.locks import LockException, YearLock
from app.models.organisation import Organisation
from app.models.person import GreenEnvoy, Participation, Person
from app.models.plan import ActionPlan, Milestone, PlanArea, PlanItem, Target
from app.models.reference import Country, ExchangeRate, LeastDevelopedMember, Site
from app.models.review import Review
from app.models.search_fold import keep_in_step, search_fields
from app.models.typed_text import CELL_TEXT_LIMIT

RECORD_TYPES: tuple[type[SyncedRecord], ...] = (
    Site,
    Country,
    LeastDevelopedMember,
    ExchangeRate,
    ActionPlan,
    PlanArea,
    PlanItem,
    Milestone,
    Target,
    Organisation,
    Activity,
    ActivityPartner,
    ActivityOutput,
    Person,
    Participation,
    GreenEnvoy,
    Funding,
    YearLock,
    LockException,
    IdentityLink,
    Review,  # last: it names records of the kinds above by id
)
BY_KIND: dict[str, type[SyncedRecord]] = {m.__kind__: m for m in RECORD_TYPES}
for _model in RECORD_TYPES:
    if search_fields(_model):
        keep_in_step(_model)
SYNC_COLUMNS = ("uid", "owner", "version", "deleted")


@dataclass(frozen=True)
class FieldSpec:
    """What a field of a record kind is: name, label, type and rules."""

    name: str
    label: str
    type: str  # text, long, int, bool, date, money, decimal, code, codes, ref
    required: bool
    codes: str | None
    ref: str | None
    max_length: int | None


def _field_type(column: Any, meta: dict[str, Any]) -> str:
    if meta.get("ref"):
        return "ref"
    if meta.get("multi"):
        return "codes"
    if meta.get("codes"):
        return "code"
    if meta.get("kind") in ("money", "decimal", "long"):
        return str(meta["kind"])
    python_type = column.type.python_type
    return {int: "int", bool: "bool", str: "text"}.get(python_type, str(python_type.__name__))


_FIELDS: dict[str, tuple[FieldSpec, ...]] = {}


def fields_of(kind: str) -> tuple[FieldSpec, ...]:
    """The user fields of a record kind (sync and derived columns excluded), in table order."""
    if kind not in _FIELDS:
        model = BY_KIND[kind]
        specs = []
        for column in inspect(model).columns:
            if column.key in SYNC_COLUMNS or column.info.get("derived"):
                continue  # derived columns (search_fold) are neither entered nor synced
            meta = column.info
            specs.append(
                FieldSpec(
                    name=column.key,
                    label=meta.get("label", column.key),
                    type=_field_type(column, meta),
                    required=bool(meta.get("required")),
                    codes=meta.get("codes"),
                    ref=meta.get("ref"),
                    max_length=_max_length(column, meta),
                )
            )
        _FIELDS[kind] = tuple(specs)
    return _FIELDS[kind]


def _max_length(column: Any, meta: dict[str, Any]) -> int | None:
    """A column's length; long text is bounded by what one spreadsheet cell holds."""
    length = getattr(column.type, "length", None)
    if isinstance(length, int):
        return length
    return CELL_TEXT_LIMIT if meta.get("kind") == "long" else None


def model_of(kind: str) -> type[SyncedRecord]:
    """The mapped class of a record kind; ``KeyError`` for an unknown kind."""
    return BY_KIND[kind]
