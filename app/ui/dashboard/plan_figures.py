"""The figures the dashboard shows, read from the report data functions.

Plain Python: the dashboard reads them on the worker thread. Using the progress,
training and funding reports (whole plan period, this office's country or the
region) is what keeps the dashboard and the printed reports in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import NotFoundError
from app.models.codes import SECRETARIAT
from app.reports.funding import FundingReport, funding_report
from app.reports.progress import ProgressReport, progress_report
from app.reports.training import TrainingReport, training_report
from app.store import Database


@dataclass(frozen=True)
class PlanFigures:
    """The three reports the dashboard shows, for one scope."""

    progress: ProgressReport
    training: TrainingReport
    funding: FundingReport


def plan_figures(db: Database) -> PlanFigures | None:
    """The whole-plan reports for this office's country (the region at the
    secretariat); None when there is no active plan."""
    country = None if db.site == SECRETARIAT else db.site
    try:
        return PlanFigures(
            progress_report(db, country=country),
            training_report(db, country=country),
            funding_report(db, country=country),
        )
    except NotFoundError:
        return None
