"""The capacity-building report as a document, in the current language."""

from __future__ import annotations

from app.i18n import _, country_name, format_number, format_percent, ngettext
from app.models.codes import label_of
from app.reports import cells
from app.reports.compose import bar_chart, count_series, pie_chart, start_document
from app.reports.model import Column, Paragraph, ReportDocument, Section, Table
from app.reports.training import TrainingReport


def training_document(report: TrainingReport) -> ReportDocument:
    """Sessions and trainees per year against the plan, then who was trained."""
    doc = start_document("training", _("Capacity building (plan item 2.5)"), report.header)
    summary = Section(_("Against the plan"))
    if report.header.country:
        summary.blocks.append(Paragraph(_region_words(report)))
    summary.blocks.append(
        Paragraph(
            _(
                "{sessions}; {trainees} (target: about {target}); {share} from "
                "least-developed members (target: {ldc_target} %); {certificates}."
            ).format(
                sessions=ngettext(
                    "{n} training session", "{n} training sessions", report.sessions
                ).format(n=format_number(report.sessions)),
                trainees=ngettext(
                    "{n} person trained", "{n} people trained", report.trainees
                ).format(n=format_number(report.trainees)),
                target=format_number(report.trainees_target),
                share=format_percent(report.ldc_share) if report.ldc_share is not None else "–",
                ldc_target=format_number(report.ldc_share_target),
                certificates=ngettext(
                    "{n} certificate issued", "{n} certificates issued", report.certificates
                ).format(n=format_number(report.certificates)),
            )
        )
    )
    years = Table(
        _("Sessions and trainees per year"),
        [
            Column(_("Year"), "year"),
            Column(_("Sessions"), "int"),
            Column(_("Sessions expected"), "int"),
            Column(_("People trained"), "int"),
        ],
    )
    for y in report.years:
        years.rows.append(
            [
                cells.year(y.year),
                cells.count(y.sessions),
                cells.count(report.sessions_per_year_target),
                cells.count(y.trainees),
            ]
        )
    years.rows.append(
        [
            cells.text(_("Whole period (each person once)")),
            cells.count(report.sessions),
            cells.count(report.sessions_per_year_target * len(report.years)),
            cells.count(report.trainees),
        ]
    )
    years.total_rows = 1
    summary.blocks.append(years)
    if report.years:
        summary.blocks.append(
            bar_chart(
                _("Sessions per year against two a year"),
                [str(y.year) for y in report.years],
                [
                    (
                        _("Sessions held"),
                        [y.sessions for y in report.years],
                        [format_number(y.sessions) for y in report.years],
                    ),
                    (
                        _("Sessions expected"),
                        [report.sessions_per_year_target] * len(report.years),
                        [format_number(report.sessions_per_year_target)] * len(report.years),
                    ),
                ],
            )
        )
    ldc = Table(
        _("Trainees from least-developed members"),
        [Column(_("Group")), Column(_("People"), "int"), Column(_("Share"), "percent")],
    )
    shares = report.shares
    others = shares.asean - shares.ldc
    total = shares.asean or None
    ldc.rows.append(
        [
            cells.text(_("Least-developed members")),
            cells.count(report.ldc_trainees),
            cells.percent(report.ldc_trainees / total if total else None),
        ]
    )
    ldc.rows.append(
        [
            cells.text(_("Other ASEAN members")),
            cells.count(others),
            cells.percent(others / total if total else None),
        ]
    )
    ldc.rows.append(
        [
            cells.text(_("Trainees from China (not in the share)")),
            cells.count(shares.china),
            cells.text(""),
        ]
    )
    if shares.outside:
        ldc.rows.append(
            [
                cells.text(_("Others (not in the share)")),
                cells.count(shares.outside),
                cells.text(""),
            ]
        )
    ldc.note = report.ldc_words
    summary.blocks.append(ldc)
    doc.sections.append(summary)

    who = Section(_("Who was trained"))
    who.blocks.append(
        _breakdown(_("By country"), _("Country"), report, report.by_country, "country")
    )
    if report.by_country:
        who.blocks.append(
            bar_chart(
                _("People trained by country"),
                [country_name(c) for c in report.by_country],
                [count_series(_("People trained"), report.by_country.values())],
            )
        )
    who.blocks.append(_breakdown(_("By gender"), _("Gender"), report, report.by_gender, "gender"))
    if report.by_gender:
        who.blocks.append(
            pie_chart(
                _("People trained by gender"),
                [label_of("gender", g) for g in report.by_gender],
                list(report.by_gender.values()),
                [format_number(v) for v in report.by_gender.values()],
            )
        )
    who.blocks.append(
        _breakdown(_("By category"), _("Category"), report, report.by_category, "person_category")
    )
    who.blocks.append(
        _breakdown(_("By topic"), _("Topic"), report, report.by_topic, "training_topic")
    )
    doc.sections.append(who)
    return doc


def _region_words(report: TrainingReport) -> str:
    """For one country: the plan's targets are the region's, with the country's part."""
    country = country_name(report.header.country or "")
    return _(
        "The plan's targets are the whole region's. Region: sessions held {sessions} (two "
        "a year asked), people trained {trainees} (about {target} over three years asked). "
        "Contribution of {country}: sessions its office recorded or hosted {own_sessions}, "
        "its nationals trained {own_trainees}, wherever they were trained."
    ).format(
        sessions=format_number(report.region_sessions),
        trainees=format_number(report.region_trainees),
        target=format_number(report.trainees_target),
        country=country,
        own_sessions=format_number(report.sessions),
        own_trainees=format_number(report.trainees),
    )


def _breakdown(
    title: str, header: str, report: TrainingReport, counts: dict[str, int], codes: str
) -> Table:
    table = Table(
        title, [Column(header), Column(_("People"), "int"), Column(_("Share"), "percent")]
    )
    for code, n in counts.items():
        table.rows.append(
            [
                cells.text(label_of(codes, code)),
                cells.count(n),
                cells.percent(n / report.trainees if report.trainees else None),
            ]
        )
    if codes == "training_topic":
        table.note = _("A person trained on two topics counts under each topic.")
    return table
