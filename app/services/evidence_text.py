"""The evidence of a candidate pair in words, for the window and the command line."""

from __future__ import annotations

from collections.abc import Iterable

from app.i18n import _, country_name
from app.identity.candidates import Evidence


def _one(e: Evidence) -> str:
    if e.code == "email":
        return _("same e-mail {email}").format(email=e.detail)
    if e.code == "phone":
        return _("same phone (ending {digits})").format(digits=e.detail[-4:])
    if e.code == "name":
        return _("similar names: {names}").format(names=e.detail)
    if e.code == "country":
        return _("same country: {country}").format(country=country_name(e.detail))
    if e.code == "organisation":
        return _("same organisation")
    if e.code == "birth_year":
        return _("born the same year: {year}").format(year=e.detail)
    return _("same abbreviation: {abbreviation}").format(abbreviation=e.detail.upper())


def evidence_text(evidence: Iterable[Evidence]) -> str:
    """Each reason, joined: "same e-mail a@b; same country: Viet Nam"."""
    return "; ".join(_one(e) for e in evidence)
