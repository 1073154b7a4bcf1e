"""The activity a one-activity report is about (the activity sheet, its certificates)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.i18n import _
from app.models import Activity, PlanItem


def live_activity(session: Session, activity_uid: str) -> tuple[Activity, PlanItem | None]:
    """The activity and its plan item; ``NotFoundError`` if there is no such activity."""
    act = session.get(Activity, activity_uid)
    if act is None or act.deleted:
        raise NotFoundError(
            _("No activity with id {uid}. Copy the id from the activity's page.").format(
                uid=activity_uid
            )
        )
    return act, session.get(PlanItem, act.item_uid)
