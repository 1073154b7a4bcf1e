"""Organisations: ministries, partners, companies, NGOs, schools, institutes."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, SyncedRecord, info
from app.models.search_fold import search_fold_column


class Organisation(SyncedRecord, Base):
    __tablename__ = "organisation"
    __kind__ = "organisation"
    __label__ = N_("Organisation")
    __plural__ = N_("Organisations")
    # Folded into search_fold for a search without accents or case (app.models.search_fold).
    __search_fields__ = ("name", "name_local", "abbreviation")

    name: Mapped[str] = mapped_column(String(300), index=True, info=info(N_("Name"), required=True))
    name_local: Mapped[str | None] = mapped_column(
        String(300), info=info(N_("Name in national script"))
    )
    abbreviation: Mapped[str | None] = mapped_column(String(40), info=info(N_("Abbreviation")))
    type: Mapped[str] = mapped_column(
        String(30), info=info(N_("Type"), required=True, codes="organisation_type")
    )
    country: Mapped[str | None] = mapped_column(
        String(2), info=info(N_("Country"), codes="country")
    )
    website: Mapped[str | None] = mapped_column(String(300), info=info(N_("Website")))
    search_fold: Mapped[str | None] = search_fold_column()
