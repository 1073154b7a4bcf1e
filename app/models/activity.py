"""Activities under plan items, their partner organisations and outputs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, SyncedRecord, info
from app.models.plan import fk
from app.models.search_fold import search_fold_column


class Activity(SyncedRecord, Base):
    __tablename__ = "activity"
    __kind__ = "activity"
    __label__ = N_("Activity")
    __plural__ = N_("Activities")
    # Folded into search_fold for a search without accents or case (app.models.search_fold).
    __search_fields__ = ("title", "title_local", "city")

    item_uid: Mapped[str] = mapped_column(
        fk("plan_item.uid"), index=True, info=info(N_("Plan item"), required=True, ref="plan_item")
    )
    title: Mapped[str] = mapped_column(
        String(300), index=True, info=info(N_("Title"), required=True)
    )
    title_local: Mapped[str | None] = mapped_column(
        String(300), info=info(N_("Title in national language"))
    )
    type: Mapped[str] = mapped_column(
        String(20), info=info(N_("Type"), required=True, codes="activity_type")
    )
    status: Mapped[str] = mapped_column(
        String(20), info=info(N_("Status"), required=True, codes="activity_status")
    )
    topic: Mapped[str | None] = mapped_column(
        String(30), info=info(N_("Topic"), codes="training_topic")
    )
    start_date: Mapped[dt.date | None] = mapped_column(
        Date, index=True, info=info(N_("Start date"))
    )
    end_date: Mapped[dt.date | None] = mapped_column(Date, info=info(N_("End date")))
    host_country: Mapped[str | None] = mapped_column(
        String(2), info=info(N_("Host country"), codes="country")
    )
    city: Mapped[str | None] = mapped_column(String(120), info=info(N_("City")))
    countries: Mapped[str | None] = mapped_column(
        String(60), info=info(N_("Participating countries"), codes="country", multi=True)
    )
    notes: Mapped[str | None] = mapped_column(Text, info=info(N_("Notes"), kind="long"))
    search_fold: Mapped[str | None] = search_fold_column()


class ActivityPartner(SyncedRecord, Base):
    __tablename__ = "activity_partner"
    __kind__ = "activity_partner"
    __label__ = N_("Partner organisation")
    __plural__ = N_("Partner organisations")

    activity_uid: Mapped[str] = mapped_column(
        fk("activity.uid"), index=True, info=info(N_("Activity"), required=True, ref="activity")
    )
    organisation_uid: Mapped[str] = mapped_column(
        fk("organisation.uid"),
        index=True,
        info=info(N_("Organisation"), required=True, ref="organisation"),
    )
    role: Mapped[str | None] = mapped_column(String(120), info=info(N_("Role")))


class ActivityOutput(SyncedRecord, Base):
    __tablename__ = "activity_output"
    __kind__ = "activity_output"
    __label__ = N_("Output")
    __plural__ = N_("Outputs")

    activity_uid: Mapped[str] = mapped_column(
        fk("activity.uid"), index=True, info=info(N_("Activity"), required=True, ref="activity")
    )
    kind: Mapped[str] = mapped_column(
        String(20), info=info(N_("Kind"), required=True, codes="output_kind")
    )
    title: Mapped[str] = mapped_column(String(300), info=info(N_("Title"), required=True))
    link: Mapped[str | None] = mapped_column(String(500), info=info(N_("Link")))
    date: Mapped[dt.date | None] = mapped_column(Date, info=info(N_("Date")))
