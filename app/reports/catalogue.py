"""Every report by name: check a request, collect its data, write its document.

The command line and the Reports page both come through here. Collecting
(the database work) may run on the worker thread; composing the document
switches the language for a moment, so the window runs it on its own thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.errors import AcecError
from app.i18n import N_, _
from app.models.codes import COUNTRY_CODES
from app.reports.activity_sheet import ActivitySheet, activity_document, activity_sheet
from app.reports.envoys import EnvoyReport, envoys_document, envoys_report
from app.reports.funding import FundingReport, funding_report
from app.reports.funding_document import funding_document
from app.reports.model import ReportDocument
from app.reports.progress import ProgressReport, progress_report
from app.reports.progress_document import progress_document
from app.reports.scope import report_locale
from app.reports.training import TrainingReport, training_report
from app.reports.training_document import training_document
from app.store import Database

REPORT_KINDS: dict[str, str] = {
    "progress": N_("Progress against the plan"),
    "training": N_("Capacity building (item 2.5)"),
    "funding": N_("Funding"),
    "envoys": N_("Green envoys"),
    "activity": N_("Activity sheet"),
}


@dataclass(frozen=True)
class ReportRequest:
    """Which report, for which country and year, in which language."""

    kind: str
    country: str | None = None
    year: int | None = None
    activity_uid: str | None = None
    language: str | None = None  # None: the current language
    as_of: dt.date | None = None  # the progress report's "today"
    accepted_only: bool = False  # only records the secretariat accepted ("figures accepted")


def check_request(request: ReportRequest) -> None:
    """Refuse a request that cannot make a report, saying what to change."""
    if request.kind not in REPORT_KINDS:
        raise AcecError(
            _("Unknown report “{kind}”; choose one of: {kinds}.").format(
                kind=request.kind, kinds=", ".join(REPORT_KINDS)
            )
        )
    if request.kind == "activity" and not request.activity_uid:
        raise AcecError(_("The activity sheet needs the activity's id (--id)."))
    if request.country is not None and request.country not in COUNTRY_CODES:
        raise AcecError(
            _("Unknown country code “{code}”; use one of: {codes}.").format(
                code=request.country, codes=", ".join(COUNTRY_CODES)
            )
        )
    if request.year is not None and not 1990 <= request.year <= 2100:
        raise AcecError(_("The year {year} is out of range.").format(year=request.year))


def collect_report(db: Database, request: ReportRequest) -> Any:
    """The report's numbers (no text yet); may run on a worker thread."""
    check_request(request)
    scope: dict[str, Any] = {
        "country": request.country,
        "year": request.year,
        "accepted_only": request.accepted_only,
    }
    if request.kind == "progress":
        return progress_report(db, **scope, as_of=request.as_of)
    if request.kind == "training":
        return training_report(db, **scope)
    if request.kind == "funding":
        return funding_report(db, **scope)
    if request.kind == "envoys":
        return envoys_report(db, **scope)
    return activity_sheet(db, str(request.activity_uid), accepted_only=request.accepted_only)


def compose_report(data: Any, language: str | None = None) -> ReportDocument:
    """The document of collected report data, written in ``language``."""
    with report_locale(language):
        if isinstance(data, ProgressReport):
            return progress_document(data)
        if isinstance(data, TrainingReport):
            return training_document(data)
        if isinstance(data, FundingReport):
            return funding_document(data)
        if isinstance(data, EnvoyReport):
            return envoys_document(data)
        if isinstance(data, ActivitySheet):
            return activity_document(data)
    raise TypeError(f"not report data: {type(data).__name__}")


def build_report(db: Database, request: ReportRequest) -> ReportDocument:
    """Collect and compose a report in one go (command line, tests, benchmark)."""
    return compose_report(collect_report(db, request), request.language)
