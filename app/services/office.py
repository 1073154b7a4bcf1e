"""Creating an office database and reading which office it is."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.errors import AcecError, StoreError
from app.i18n import _
from app.models import ClockState, LocalSite
from app.models.codes import SITE_CODES, label_of
from app.models.utc import utc_now
from app.services.reference_data import seed_reference_data
from app.store import Database, open_database
from app.store.site_keys import ensure_site_key


def init_office(
    path: Path | str | None, site: str, office_name: str | None = None, *, demo: bool = False
) -> Database:
    """Create a database for ``site`` (a country code or SEC) and return it open.

    Refuses an unknown site code and a database that already has an office.
    """
    code = (site or "").strip().upper()
    if code not in SITE_CODES:
        raise AcecError(
            _("Unknown site code “{code}”. Use one of: {codes}.").format(
                code=site, codes=", ".join(SITE_CODES)
            )
        )
    db = open_database(path, create=True)
    try:
        with db.session() as session:
            existing = session.scalars(select(LocalSite)).first()
            if existing is not None:
                raise StoreError(
                    _("{path} already belongs to the office {site}.").format(
                        path=db.path, site=existing.site
                    )
                )
            name = office_name or _("Focal point, {country}").format(country=label_of("site", code))
            if code == "SEC":
                name = office_name or _("China–ASEAN joint secretariat")
            session.add(
                LocalSite(
                    id=1,
                    site=code,
                    office_name=name,
                    created_at=utc_now(),
                    demo=demo,
                )
            )
            session.add(ClockState(id=1, physical_ms=0, counter=0))
            seed_reference_data(session)
    except BaseException:
        db.close()
        raise
    db.forget_site_cache()
    try:
        ensure_site_key(db)
    except BaseException:
        db.close()
        raise
    return db
