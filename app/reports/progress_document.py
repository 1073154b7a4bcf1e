"""The progress report as a document, in the current language."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from babel.lists import format_list

from app.i18n import N_, _, country_name, current_locale, format_date, format_number, ngettext
from app.models.codes import ACTIVITY_STATUS, label_of
from app.models.plan_wording import localised
from app.reports import cells
from app.reports.compose import bar_chart, count_series, pie_chart, start_document
from app.reports.model import Cell, Column, Paragraph, ReportDocument, Section, Table
from app.reports.progress import (
    MILESTONE_STATUSES,
    MilestoneProgress,
    ProgressReport,
    TargetProgress,
)

MILESTONE_LABELS = {
    "met_on_time": N_("Met on time"),
    "met_late": N_("Met late"),
    "due": N_("Due"),
    "overdue": N_("Overdue"),
}


def progress_document(report: ProgressReport) -> ReportDocument:
    """Summary, activities per item, milestones and targets, with charts."""
    doc = start_document("progress", _("Progress against the action plan"), report.header)
    doc.sections.append(_summary(report))
    doc.sections.append(_activities(report))
    doc.sections.append(_milestones(report))
    doc.sections.extend(_targets(report))
    return doc


def _summary(report: ProgressReport) -> Section:
    ms = report.milestone_counts()
    total_acts = sum(i.activity_total for i in report.items)
    section = Section(_("Summary"))
    section.blocks.append(Paragraph(_summary_words(report, total_acts)))
    if sum(ms.values()):
        section.blocks.append(
            pie_chart(
                _("Milestones by status"),
                [_(MILESTONE_LABELS[s]) for s in MILESTONE_STATUSES],
                [ms[s] for s in MILESTONE_STATUSES],
                [format_number(ms[s]) for s in MILESTONE_STATUSES],
            )
        )
    if total_acts:
        done = [i.status_counts["completed"] for i in report.items]
        other = [i.activity_total - i.status_counts["completed"] for i in report.items]
        section.blocks.append(
            bar_chart(
                _("Activities per plan item"),
                [i.code for i in report.items],
                [count_series(_("Completed"), done), count_series(_("Not yet completed"), other)],
            )
        )
    return section


# Written out call by call, so that the catalogue gets each plural form.
MILESTONE_COUNTS: dict[str, Callable[[int], str]] = {
    "met_on_time": lambda n: ngettext("{n} met on time", "{n} met on time", n),
    "met_late": lambda n: ngettext("{n} met late", "{n} met late", n),
    "due": lambda n: ngettext("{n} due", "{n} due", n),
    "overdue": lambda n: ngettext("{n} overdue", "{n} overdue", n),
}


def _summary_words(report: ProgressReport, activities: int) -> str:
    """Items, activities and milestones in one sentence; a status with none is left out."""
    ms = report.milestone_counts()
    judged = [
        MILESTONE_COUNTS[s](ms[s]).format(n=format_number(ms[s]))
        for s in MILESTONE_STATUSES
        if ms[s]
    ]
    return _("{items}; {activities}; milestones judged on {date}: {milestones}.").format(
        items=ngettext("{n} plan item", "{n} plan items", len(report.items)).format(
            n=format_number(len(report.items))
        ),
        activities=ngettext("{n} activity", "{n} activities", activities).format(
            n=format_number(activities)
        ),
        date=format_date(report.as_of),
        milestones=format_list(judged, locale=current_locale()) if judged else _("none"),
    )


def _activities(report: ProgressReport) -> Section:
    columns = [Column(_("Item")), Column(_("Title"))]
    columns += [Column(label_of("activity_status", s), "int") for s in ACTIVITY_STATUS]
    columns.append(Column(_("Total"), "int"))
    table = Table(_("Activities per plan item, by status"), columns)
    for item in report.items:
        row = [cells.text(item.code), cells.text(localised(item.title_en, item.title_zh))]
        row += [cells.count(item.status_counts[s]) for s in ACTIVITY_STATUS]
        row.append(cells.count(item.activity_total))
        table.rows.append(row)
    totals = report.status_totals()
    table.rows.append(
        [cells.text(_("Total")), cells.text("")]
        + [cells.count(totals[s]) for s in ACTIVITY_STATUS]
        + [cells.count(sum(totals.values()))]
    )
    table.total_rows = 1
    return Section(_("Activities"), [table])


def milestone_status_text(m: MilestoneProgress) -> str:
    """Where a milestone stands, flagged when it is met before the step the plan puts first."""
    status = _(MILESTONE_LABELS[m.status])
    if not m.out_of_order:
        return status
    return _("{status} — out of order: step {step} is not met before it").format(
        status=status, step=m.after or ""
    )


def _milestones(report: ProgressReport) -> Section:
    table = Table(
        _("Milestones"),
        [
            Column(_("Item")),
            Column(_("Milestone")),
            Column(_("Due"), "date"),
            Column(_("Host country")),
            Column(_("Status")),
            Column(_("Met on"), "date"),
        ],
    )
    for item in report.items:
        for m in item.milestones:
            status = milestone_status_text(m)
            table.rows.append(
                [
                    cells.text(item.code),
                    cells.text(localised(m.title_en, m.title_zh)),
                    cells.date(m.due),
                    cells.text(country_name(m.country) if m.country else _("Any")),
                    cells.text(status),
                    cells.date(m.met_on),
                ]
            )
    blocks: list[Any] = [table]
    if not table.rows:
        blocks = [Paragraph(_("No milestones fall in this period."))]
    return Section(_("Milestones"), blocks)


def _value(target: TargetProgress, value: Decimal | None) -> Cell:
    if target.kind in ("trainees_total", "ldc_share") and value is not None:
        return cells.decimal(value, 0 if value == value.to_integral_value() else 1)
    return cells.count(int(value)) if value is not None else cells.text("")


def target_counts_text(t: TargetProgress) -> str:
    """A target's title and, for targets checked as gaps, the gaps found."""
    title = localised(t.title_en, t.title_zh)
    if t.longest_gap is None:
        return title
    if not t.held:
        return _("{title} (none held yet)").format(title=title)
    return _("{title} (held {held}; longest gap {gap} years, at most {years})").format(
        title=title,
        held=", ".join(format_date(d) for d in t.held),
        gap=format_number(t.longest_gap),
        years=t.period_years,
    )


def _targets_note(report: ProgressReport) -> str:
    country = report.header.country
    words = _(
        "Every target of the plan is the whole region's: Expected and Recorded are the "
        "region's figures."
    )
    if country:
        words += " " + _(
            "The column “Contribution of {country}” is what {country} added: its "
            "activities (recorded or hosted) and its nationals trained."
        ).format(country=country_name(country))
    return words


def _targets(report: ProgressReport) -> list[Section]:
    country = report.header.country
    columns = [
        Column(_("Item")),
        Column(_("Target")),
        Column(_("Expected"), "decimal"),
        Column(_("Recorded"), "decimal"),
        Column(_("Reached")),
    ]
    if country:
        columns.insert(
            4,
            Column(_("Contribution of {country}").format(country=country_name(country)), "decimal"),
        )
    table = Table(_("Targets against what is recorded"), columns)
    yearly = Table(
        _("Yearly targets, year by year"),
        [
            Column(_("Item")),
            Column(_("Target")),
            Column(_("Year"), "year"),
            Column(_("Expected"), "int"),
            Column(_("Recorded"), "int"),
        ],
    )
    for item in report.items:
        for t in item.targets:
            title = localised(t.title_en, t.title_zh)
            row = [
                cells.text(item.code),
                cells.text(target_counts_text(t)),
                _value(t, t.expected),
                _value(t, t.actual),
                cells.text(_("Yes") if t.met else _("No")),
            ]
            if country:
                row.insert(4, _value(t, t.contribution))
            table.rows.append(row)
            for f in t.by_year:
                yearly.rows.append(
                    [
                        cells.text(item.code),
                        cells.text(title),
                        cells.year(f.year),
                        cells.count(int(f.expected)),
                        cells.count(int(f.actual)),
                    ]
                )
    if not table.rows:
        return [Section(_("Targets"), [Paragraph(_("The plan sets no targets."))])]
    table.note = _targets_note(report)
    blocks: list[Any] = [table]
    if yearly.rows:
        blocks.append(yearly)
    return [Section(_("Targets"), blocks)]
