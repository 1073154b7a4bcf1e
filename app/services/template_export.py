"""Blank Excel templates for bulk entry, written for this office (``app.templates``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.errors import AcecError, NotFoundError
from app.i18n import _, current_locale
from app.models import Activity
from app.services.choices import plan_item_choices
from app.store import Database
from app.templates.layout import KIND_NAMES, columns_for, kind_named
from app.templates.request import TemplateRequest
from app.templates.writer import write_template


@dataclass(frozen=True)
class TemplateWritten:
    """A template written: where, of which kind, for which activity, with how many columns."""

    path: Path
    kind: str
    activity_uid: str | None
    activity_title: str | None
    columns: int


def template_kind(name: str) -> str:
    """The record kind a template name stands for; ``AcecError`` naming those that exist."""
    kind = kind_named(name)
    if kind is None:
        raise AcecError(
            _("There is no template of “{name}”; choose one of: {kinds}.").format(
                name=name, kinds=", ".join(KIND_NAMES)
            )
        )
    return kind


def _activity_title(db: Database, uid: str) -> str:
    with db.read_session() as session:
        activity = session.get(Activity, uid.strip().lower())
        if activity is None or activity.deleted:
            raise NotFoundError(_("No activity with id {uid}.").format(uid=uid))
        return activity.title


def write_template_file(
    db: Database, kind_name: str, path: Path, *, activity_uid: str | None = None
) -> TemplateWritten:
    """Write the blank template of ``kind_name`` (a people template may name an activity)."""
    kind = template_kind(kind_name)
    title = None
    if activity_uid is not None:
        if kind != "person":
            raise AcecError(
                _("Only a template of people can be a registration list of an activity.")
            )
        title = _activity_title(db, activity_uid)
        activity_uid = activity_uid.strip().lower()
    request = TemplateRequest(
        kind=kind,
        site=db.site,
        language=str(current_locale()),
        activity_uid=activity_uid,
        activity_title=title,
        plan_items=[choice.label for choice in plan_item_choices(db)] if kind == "activity" else [],
    )
    write_template(request, path)
    columns = columns_for(kind, with_participation=activity_uid is not None)
    return TemplateWritten(path, kind, activity_uid, title, len(columns))
