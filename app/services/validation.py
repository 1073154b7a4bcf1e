"""Rules a record must satisfy before it is saved, each naming its field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Problem, ValidationError
from app.i18n import _
from app.models import ActionPlan, PlanItem, fields_of, model_of
from app.models.rules import rule_problems
from app.models.values import ValueProblem, coerce


def coerce_values(kind: str, values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """Coerce every given value; with ``partial`` False, check required fields too.

    Raises ``ValidationError`` listing every problem, by field label.
    """
    specs = {s.name: s for s in fields_of(kind)}
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    for name in values:
        if name not in specs:
            problems.append(Problem(name, _("no such field")))
    for spec in specs.values():
        if name_missing := spec.name not in values:
            if partial:
                continue
        raw = None if name_missing else values[spec.name]
        try:
            value = coerce(spec, raw)
        except ValueProblem as exc:
            problems.append(Problem(spec.name, str(exc)))
            continue
        if spec.required and value is None:
            problems.append(
                Problem(spec.name, _("{field} is required").format(field=_(spec.label)))
            )
            continue
        out[spec.name] = value
    if problems:
        raise ValidationError(problems)
    return out


def field_problem(kind: str, name: str, raw: Any) -> str | None:
    """What is wrong with one entered value on its own (None: nothing), for live checks.

    Rules across fields and references are checked when the record is saved.
    """
    spec = next(s for s in fields_of(kind) if s.name == name)
    try:
        value = coerce(spec, raw)
    except ValueProblem as exc:
        return str(exc)
    if spec.required and value is None:
        return _("{field} is required").format(field=_(spec.label))
    return None


def check_record_rules(
    session: Session, kind: str, merged: dict[str, Any], changed: Iterable[str] | None = None
) -> None:
    """Cross-field rules on a record's values, and reference rules on ``changed`` fields.

    References and the active-plan rule are checked only for the fields being
    set (all of them for a new record): correcting a typo in an activity of an
    earlier plan, or in a participation whose activity its owner deleted,
    must still be possible.
    """
    problems = rule_problems(kind, merged)
    checked = set(merged if changed is None else changed)
    for spec in fields_of(kind):
        uid = merged.get(spec.name)
        if spec.ref and uid and spec.name in checked:
            target = session.get(model_of(spec.ref), uid)
            if target is None or target.deleted:
                problems.append(
                    Problem(spec.name, _("{field}: no such record").format(field=_(spec.label)))
                )
    if kind == "activity" and "item_uid" in checked and merged.get("item_uid") and not problems:
        item = session.get(PlanItem, merged["item_uid"])
        plan = session.get(ActionPlan, item.plan_uid) if item else None
        if plan is None or not plan.active:
            problems.append(Problem("item_uid", _("the plan item is not in the active plan")))
    if problems:
        raise ValidationError(problems)


def active_plan_uid(session: Session) -> str | None:
    """The uid of the active action plan, if any."""
    return session.scalars(
        select(ActionPlan.uid).where(ActionPlan.active.is_(True), ActionPlan.deleted.is_(False))
    ).first()
