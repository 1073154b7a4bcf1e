"""Records a filled template names in words: an organisation, a plan item, an activity, a person.

A cell may hold the record's id or what people call it (a name, a title, a
plan item's code); a name that fits several records is refused, saying so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import ActionPlan, Activity, Organisation, Person, PlanItem
from app.models.values import UUID_RE, ValueProblem
from app.templates.countries import folded

_NAME_COLUMNS: dict[str, tuple[Any, ...]] = {
    "organisation": (Organisation.name, Organisation.name_local, Organisation.abbreviation),
    "activity": (Activity.title, Activity.title_local),
    "person": (Person.name, Person.name_local),
}
_MODELS: dict[str, Any] = {"organisation": Organisation, "activity": Activity, "person": Person}
_PLAN_CODE = re.compile(r"\d+(?:\.\d+)*")


class RecordFinder:
    """Finds records by id or by what people call them, loading each kind's names once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._names: dict[str, dict[str, list[str]]] = {}

    def _index(self, kind: str) -> dict[str, list[str]]:
        if kind not in self._names:
            names: dict[str, list[str]] = defaultdict(list)
            if kind == "plan_item":
                stmt = (
                    select(PlanItem.uid, PlanItem.code)
                    .join(ActionPlan, ActionPlan.uid == PlanItem.plan_uid)
                    .where(ActionPlan.active.is_(True), PlanItem.deleted.is_(False))
                )
                for uid, code in self.session.execute(stmt):
                    names[folded(code)].append(uid)
            else:
                model = _MODELS[kind]
                stmt = select(model.uid, *_NAME_COLUMNS[kind]).where(model.deleted.is_(False))
                for uid, *texts in self.session.execute(stmt):
                    for text in {folded(t) for t in texts if t}:
                        names[text].append(uid)
            self._names[kind] = dict(names)
        return self._names[kind]

    def note_new(self, kind: str, uid: str, texts: list[str | None]) -> None:
        """A record this import adds, so later rows may name it.

        Only once the kind's names are loaded: loading them later reads this record
        too (the session writes it out before it queries), and a people template never
        looks a person up, so it need not read every stored name.
        """
        index = self._names.get(kind)
        if index is None:
            return
        for text in {folded(t) for t in texts if t}:
            if uid not in index.setdefault(text, []):
                index[text].append(uid)

    def find(self, kind: str, raw: Any) -> str:
        """The id of the record of ``kind`` that ``raw`` names; ``ValueProblem`` if not one."""
        text = " ".join(str(raw).split())
        if UUID_RE.match(text.lower()):
            return text.lower()
        key = text
        if kind == "plan_item":
            code = _PLAN_CODE.match(text)
            key = code.group(0) if code else text
        found = self._index(kind).get(folded(key), [])
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValueProblem(self._none_message(kind, text))
        raise ValueProblem(
            _("“{value}” fits {n} records; put the record id of the one you mean").format(
                value=text, n=len(found)
            )
        )

    @staticmethod
    def _none_message(kind: str, text: str) -> str:
        if kind == "plan_item":
            return _("“{value}” is not an item of the active plan; use its code, e.g. 2.5").format(
                value=text
            )
        return _(
            "no record is called “{value}”; write it as recorded in ACEC Tracker, "
            "or put its record id"
        ).format(value=text)
