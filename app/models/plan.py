"""The action plan as data: plans, areas, items, milestones and targets."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, SyncedRecord, info


def fk(target: str) -> ForeignKey:
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


class ActionPlan(SyncedRecord, Base):
    __tablename__ = "action_plan"
    __kind__ = "action_plan"
    __label__ = N_("Action plan")
    __plural__ = N_("Action plans")
    __owned_by__ = "SEC"

    code: Mapped[str] = mapped_column(String(20), info=info(N_("Code"), required=True))
    title_en: Mapped[str] = mapped_column(
        String(300), info=info(N_("Title (English)"), required=True)
    )
    title_zh: Mapped[str | None] = mapped_column(String(300), info=info(N_("Title (Chinese)")))
    start_date: Mapped[dt.date] = mapped_column(Date, info=info(N_("Start"), required=True))
    end_date: Mapped[dt.date] = mapped_column(Date, info=info(N_("End"), required=True))
    active: Mapped[bool] = mapped_column(Boolean, default=False, info=info(N_("Active")))


class PlanArea(SyncedRecord, Base):
    __tablename__ = "plan_area"
    __kind__ = "plan_area"
    __label__ = N_("Plan area")
    __plural__ = N_("Plan areas")
    __owned_by__ = "SEC"

    plan_uid: Mapped[str] = mapped_column(
        fk("action_plan.uid"), info=info(N_("Plan"), required=True, ref="action_plan")
    )
    code: Mapped[str] = mapped_column(String(20), info=info(N_("Code"), required=True))
    title_en: Mapped[str] = mapped_column(
        String(300), info=info(N_("Title (English)"), required=True)
    )
    title_zh: Mapped[str | None] = mapped_column(String(300), info=info(N_("Title (Chinese)")))


class PlanItem(SyncedRecord, Base):
    __tablename__ = "plan_item"
    __kind__ = "plan_item"
    __label__ = N_("Plan item")
    __plural__ = N_("Plan items")
    __owned_by__ = "SEC"

    plan_uid: Mapped[str] = mapped_column(
        fk("action_plan.uid"), index=True, info=info(N_("Plan"), required=True, ref="action_plan")
    )
    area_uid: Mapped[str] = mapped_column(
        fk("plan_area.uid"), info=info(N_("Area"), required=True, ref="plan_area")
    )
    parent_uid: Mapped[str | None] = mapped_column(
        fk("plan_item.uid"), info=info(N_("Part of item"), ref="plan_item")
    )
    code: Mapped[str] = mapped_column(String(20), info=info(N_("Code"), required=True))
    title_en: Mapped[str] = mapped_column(
        String(300), info=info(N_("Title (English)"), required=True)
    )
    title_zh: Mapped[str | None] = mapped_column(String(300), info=info(N_("Title (Chinese)")))
    sort_key: Mapped[int] = mapped_column(Integer, default=0, info=info(N_("Order")))


class Milestone(SyncedRecord, Base):
    __tablename__ = "milestone"
    __kind__ = "milestone"
    __label__ = N_("Milestone")
    __plural__ = N_("Milestones")
    __owned_by__ = "SEC"

    item_uid: Mapped[str] = mapped_column(
        fk("plan_item.uid"), index=True, info=info(N_("Plan item"), required=True, ref="plan_item")
    )
    code: Mapped[str] = mapped_column(String(20), info=info(N_("Code"), required=True))
    due_date: Mapped[dt.date] = mapped_column(Date, info=info(N_("Due"), required=True))
    activity_type: Mapped[str | None] = mapped_column(
        String(20), info=info(N_("Met by activity type"), codes="activity_type")
    )
    country: Mapped[str | None] = mapped_column(
        String(2), info=info(N_("Host country"), codes="country")
    )
    title_en: Mapped[str] = mapped_column(
        String(300), info=info(N_("What is due (English)"), required=True)
    )
    title_zh: Mapped[str | None] = mapped_column(
        String(300), info=info(N_("What is due (Chinese)"))
    )


class Target(SyncedRecord, Base):
    __tablename__ = "target"
    __kind__ = "target"
    __label__ = N_("Target")
    __plural__ = N_("Targets")
    __owned_by__ = "SEC"

    item_uid: Mapped[str] = mapped_column(
        fk("plan_item.uid"), index=True, info=info(N_("Plan item"), required=True, ref="plan_item")
    )
    code: Mapped[str] = mapped_column(String(20), info=info(N_("Code"), required=True))
    kind: Mapped[str] = mapped_column(
        String(30), info=info(N_("Kind"), required=True, codes="target_kind")
    )
    activity_type: Mapped[str | None] = mapped_column(
        String(20), info=info(N_("Activity type"), codes="activity_type")
    )
    value: Mapped[int] = mapped_column(Integer, info=info(N_("Value"), required=True))
    period_years: Mapped[int] = mapped_column(
        Integer, default=1, info=info(N_("Period (years)"), required=True)
    )
    title_en: Mapped[str] = mapped_column(
        String(300), info=info(N_("Target (English)"), required=True)
    )
    title_zh: Mapped[str | None] = mapped_column(String(300), info=info(N_("Target (Chinese)")))
