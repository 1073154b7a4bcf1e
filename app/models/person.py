"""People, their participation in activities, and green-envoy designations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, SyncedRecord, info
from app.models.plan import fk
from app.models.search_fold import search_fold_column


class Person(SyncedRecord, Base):
    __tablename__ = "person"
    __kind__ = "person"
    __label__ = N_("Person")
    __plural__ = N_("People")
    # Folded into search_fold for a search without accents or case (app.models.search_fold).
    __search_fields__ = ("name", "name_local", "email")
    __contact_fields__ = ("email", "phone")
    __consent_field__ = "consent"

    name: Mapped[str] = mapped_column(
        String(200), index=True, info=info(N_("Name (Latin script)"), required=True)
    )
    name_local: Mapped[str | None] = mapped_column(
        String(200), info=info(N_("Name in national script"))
    )
    gender: Mapped[str | None] = mapped_column(String(1), info=info(N_("Gender"), codes="gender"))
    country: Mapped[str] = mapped_column(
        String(2), index=True, info=info(N_("Country"), required=True, codes="country")
    )
    organisation_uid: Mapped[str | None] = mapped_column(
        fk("organisation.uid"), index=True, info=info(N_("Organisation"), ref="organisation")
    )
    position: Mapped[str | None] = mapped_column(String(200), info=info(N_("Position")))
    category: Mapped[str | None] = mapped_column(
        String(20), info=info(N_("Category"), codes="person_category")
    )
    email: Mapped[str | None] = mapped_column(String(200), info=info(N_("E-mail")))
    phone: Mapped[str | None] = mapped_column(String(60), info=info(N_("Phone"), kind="text"))
    consent: Mapped[bool] = mapped_column(
        Boolean, default=False, info=info(N_("Consents to be contacted"))
    )
    # Last, so that the columns of older templates and packages keep their letters.
    # Evidence for the duplicate check: two people of one name born in different years
    # are two people (app.identity.candidates).
    birth_year: Mapped[int | None] = mapped_column(Integer, info=info(N_("Birth year")))
    search_fold: Mapped[str | None] = search_fold_column()


class Participation(SyncedRecord, Base):
    __tablename__ = "participation"
    __kind__ = "participation"
    __label__ = N_("Participation")
    __plural__ = N_("Participations")

    activity_uid: Mapped[str] = mapped_column(
        fk("activity.uid"), index=True, info=info(N_("Activity"), required=True, ref="activity")
    )
    person_uid: Mapped[str] = mapped_column(
        fk("person.uid"), index=True, info=info(N_("Person"), required=True, ref="person")
    )
    role: Mapped[str] = mapped_column(
        String(20), info=info(N_("Role"), required=True, codes="participation_role")
    )
    completed: Mapped[bool] = mapped_column(Boolean, default=False, info=info(N_("Completed")))
    certificate: Mapped[str | None] = mapped_column(
        String(60), index=True, info=info(N_("Certificate number"), kind="text")
    )
    certificate_date: Mapped[dt.date | None] = mapped_column(
        Date, info=info(N_("Certificate date"))
    )


class GreenEnvoy(SyncedRecord, Base):
    __tablename__ = "green_envoy"
    __kind__ = "green_envoy"
    __label__ = N_("Green envoy")
    __plural__ = N_("Green envoys")
    # Folded into search_fold for a search without accents or case (app.models.search_fold).
    __search_fields__ = ("notes",)

    person_uid: Mapped[str] = mapped_column(
        fk("person.uid"), index=True, info=info(N_("Person"), required=True, ref="person")
    )
    sector: Mapped[str] = mapped_column(
        String(20), info=info(N_("Sector"), required=True, codes="envoy_sector")
    )
    year: Mapped[int] = mapped_column(Integer, info=info(N_("Year named"), required=True))
    notes: Mapped[str | None] = mapped_column(String(500), info=info(N_("Notes")))
    search_fold: Mapped[str | None] = search_fold_column()
