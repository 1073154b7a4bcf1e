"""Code lists: stable codes stored and exchanged, labels translated for display."""

from __future__ import annotations

import json

from app.i18n import N_, _, country_name
from app.shipped_data import resources_folder


def _country_codes() -> tuple[str, ...]:
    """The countries of the plan, in the order ``resources/countries.json`` lists them."""
    data = json.loads((resources_folder() / "countries.json").read_text(encoding="utf-8"))
    return tuple(country["code"] for country in data["countries"])


# One list of the plan's countries (countries.json, which also says when each joined
# ASEAN): every office is one of them or the joint secretariat.
COUNTRY_CODES = _country_codes()
SECRETARIAT = "SEC"
SITE_CODES = (*COUNTRY_CODES, SECRETARIAT)
# The recipient of a package for every country office at once (the secretariat's --to ALL).
ALL = "ALL"

ACTIVITY_TYPE = {
    "meeting": N_("Meeting"),
    "forum": N_("Forum"),
    "training": N_("Training"),
    "study": N_("Study"),
    "demonstration": N_("Demonstration"),
    "report": N_("Report"),
    "website": N_("Website or material"),
    "network": N_("Network"),
    "research": N_("Research"),
}
ACTIVITY_STATUS = {
    "planned": N_("Planned"),
    "preparing": N_("In preparation"),
    "under_way": N_("Under way"),
    "completed": N_("Completed"),
    "postponed": N_("Postponed"),
    "cancelled": N_("Cancelled"),
}
TRAINING_TOPIC = {
    "policy_law": N_("Policy and law"),
    "eia": N_("Environmental impact assessment"),
    "enforcement": N_("Enforcement"),
    "urban_rural": N_("Urban and rural environmental management"),
    "poverty": N_("Environment and poverty"),
    "monitoring": N_("Environmental monitoring"),
    "pollution": N_("Pollution control"),
    "biodiversity": N_("Biodiversity"),
    "climate": N_("Climate change adaptation"),
    "other": N_("Other"),
}
ORGANISATION_TYPE = {
    "ministry": N_("Ministry or government agency"),
    "intergovernmental": N_("Intergovernmental organisation"),
    "partner": N_("International partner"),
    "company": N_("Company"),
    "ngo": N_("NGO"),
    "school": N_("School or university"),
    "research": N_("Research institute"),
}
GENDER = {"f": N_("Female"), "m": N_("Male"), "x": N_("Other or not stated")}
PERSON_CATEGORY = {
    "official": N_("Government official"),
    "expert": N_("Technical expert"),
    "youth": N_("Youth"),
    "academic": N_("Academic"),
    "business": N_("Business"),
    "ngo": N_("NGO member"),
    "other": N_("Other"),
}
PARTICIPATION_ROLE = {
    "trainee": N_("Trainee"),
    "trainer": N_("Trainer"),
    "speaker": N_("Speaker"),
    "participant": N_("Participant"),
    "organiser": N_("Organiser"),
    "contact": N_("Contact"),
}
ENVOY_SECTOR = {
    "school": N_("School"),
    "government": N_("Government"),
    "research": N_("Research institute"),
    "enterprise": N_("Enterprise"),
    "ngo": N_("Environmental NGO"),
}
FUNDING_KIND = {
    "commitment": N_("Commitment"),
    "disbursement": N_("Disbursement"),
    "in_kind": N_("In-kind contribution"),
}
FUNDING_SOURCE = {
    "cafund": N_("China–ASEAN Cooperation Fund"),
    "partners": N_("International partners"),
    "china": N_("Chinese government"),
    "asean_gov": N_("ASEAN member governments"),
    "ppp": N_("Public–private partnership"),
}
OUTPUT_KIND = {
    "report": N_("Report"),
    "publication": N_("Publication"),
    "link": N_("Link"),
    "material": N_("Material"),
}
TARGET_KIND = {
    "trainings_per_year": N_("Training sessions a year"),
    "trainees_total": N_("Trainees over the plan"),
    "ldc_share": N_("Share of trainees from least-developed members (%)"),
    "events_per_year": N_("Events a year"),
    "events_every_years": N_("One event every N years"),
}
# The kinds of record the secretariat reviews (those a country lists and submits).
REVIEWED_KIND = {
    "activity": N_("Activity"),
    "person": N_("Person"),
    "organisation": N_("Organisation"),
    "green_envoy": N_("Green envoy"),
    "funding": N_("Funding"),
}
REVIEW_VERDICT = {"accepted": N_("Accepted"), "returned": N_("Returned for correction")}
# A record's review state at the secretariat (app.services.review_state).
REVIEW_STATE = {
    "submitted": N_("Submitted"),
    "accepted": N_("Accepted"),
    "returned": N_("Returned for correction"),
    "resubmitted": N_("Resubmitted"),
}
IDENTITY_KINDS = {"person": N_("Person"), "organisation": N_("Organisation")}
IDENTITY_VERDICTS = {"same": N_("The same"), "different": N_("Different")}
SITE_KIND = {"country": N_("Country office"), "secretariat": N_("Joint secretariat")}

CODE_LISTS: dict[str, dict[str, str]] = {
    "activity_type": ACTIVITY_TYPE,
    "activity_status": ACTIVITY_STATUS,
    "training_topic": TRAINING_TOPIC,
    "organisation_type": ORGANISATION_TYPE,
    "gender": GENDER,
    "person_category": PERSON_CATEGORY,
    "participation_role": PARTICIPATION_ROLE,
    "envoy_sector": ENVOY_SECTOR,
    "funding_kind": FUNDING_KIND,
    "funding_source": FUNDING_SOURCE,
    "output_kind": OUTPUT_KIND,
    "target_kind": TARGET_KIND,
    "site_kind": SITE_KIND,
    "reviewed_kind": REVIEWED_KIND,
    "review_verdict": REVIEW_VERDICT,
    "review_state": REVIEW_STATE,
    "identity_kind": IDENTITY_KINDS,
    "identity_verdict": IDENTITY_VERDICTS,
}


SECRETARIAT_OFFICE_NAME = N_("China–ASEAN joint secretariat")
FOCAL_POINT_OFFICE_NAME = N_("Focal point, {country}")


def default_office_name(site: str) -> str:
    """The name an office goes by when it was given none, in the current language."""
    if site == "SEC":
        return _(SECRETARIAT_OFFICE_NAME)
    return _(FOCAL_POINT_OFFICE_NAME).format(country=label_of("site", site))


def _stored_defaults(site: str) -> set[str]:
    """Default names that earlier versions stored in English instead of leaving blank."""
    if site == "SEC":
        old = "ASEAN–China joint secretariat"  # recognised, never shown
        return {old, "China–ASEAN joint secretariat"}
    from babel import Locale

    english = Locale.parse("en").territories.get(site, site)
    return {f"Focal point, {english}", f"Focal point, {country_name(site)}"}


def shown_office_name(site: str, stored: str) -> str:
    """The office's name as given, or its default name in the current language."""
    if not stored.strip() or stored in _stored_defaults(site):
        return default_office_name(site)
    return stored


def currency_codes() -> tuple[str, ...]:
    """Every active ISO 4217 currency code known to CLDR."""
    from babel.numbers import list_currencies

    return tuple(sorted(list_currencies()))


def codes_of(list_name: str) -> tuple[str, ...]:
    """The valid codes of a code list, countries and currencies included."""
    if list_name == "country":
        return COUNTRY_CODES
    if list_name == "site":
        return SITE_CODES
    if list_name == "currency":
        return currency_codes()
    return tuple(CODE_LISTS[list_name])


def label_of(list_name: str, code: str | None) -> str:
    """The translated label of a code, or the code itself when unknown."""
    if code is None or code == "":
        return ""
    if list_name in ("country", "site"):
        return country_name(code)
    if list_name == "currency":
        return code
    labels = CODE_LISTS.get(list_name, {})
    return _(labels[code]) if code in labels else code
