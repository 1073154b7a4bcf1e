"""The funding report as a document, in the current language."""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import _, country_name, format_money, format_number, ngettext
from app.models.codes import label_of
from app.models.plan_wording import localised
from app.reports import cells
from app.reports.compose import bar_chart, start_document
from app.reports.funding import FundingReport, MoneyRow
from app.reports.model import (
    CellKind,
    Chart,
    Column,
    Paragraph,
    ReportDocument,
    Section,
    Table,
)
from app.reports.rate_choice import BASIS_LABELS


def funding_document(report: FundingReport) -> ReportDocument:
    """Totals by source, plan item, country and year; the rates used; amounts without a rate."""
    doc = start_document("funding", _("Funding of the action plan"), report.header)
    cur = report.currency
    summary = Section(_("Summary"))
    totals = _(
        "All amounts in {currency}. Committed: {committed}; disbursed: {disbursed}; "
        "in kind: {in_kind}."
    ).format(
        currency=cur,
        committed=format_money(report.total.committed, cur),
        disbursed=format_money(report.total.disbursed, cur),
        in_kind=format_money(report.total.in_kind, cur),
    )
    if report.unconverted:  # "0 amounts had no rate" says nothing: then left out
        totals += " " + ngettext(
            "{n} amount had no exchange rate and is not in the totals.",
            "{n} amounts had no exchange rate and are not in the totals.",
            len(report.unconverted),
        ).format(n=format_number(len(report.unconverted)))
    summary.blocks.append(Paragraph(totals))
    summary.blocks.append(
        _money_table(
            _("By source"),
            _("Source"),
            cur,
            report.by_source,
            report.total,
            lambda k: label_of("funding_source", k),
        )
    )
    summary.blocks.append(_money_chart(_("By source"), report.by_source, "funding_source"))
    doc.sections.append(summary)

    detail = Section(_("By plan item, country and year"))
    detail.blocks.append(
        _money_table(
            _("By plan item"),
            _("Item"),
            cur,
            report.by_item,
            report.total,
            lambda code: f"{code} {localised(*report.item_titles.get(code, ('', None)))}".strip(),
        )
    )
    detail.blocks.append(
        _money_table(
            _("By country (the office that recorded it)"),
            _("Country"),
            cur,
            report.by_country,
            report.total,
            country_name,
        )
    )
    detail.blocks.append(
        _money_table(
            _("By year"), _("Year"), cur, report.by_year, report.total, str, key_kind="year"
        )
    )
    detail.blocks.append(_money_chart(_("By year"), report.by_year, None))
    doc.sections.append(detail)

    rates = Section(_("Exchange rates"))
    table = Table(
        _("Exchange rates used"),
        [
            Column(_("Year"), "year"),
            Column(_("Currency")),
            Column(_("{currency} for one unit").format(currency=cur), "rate"),
            Column(_("Amounts converted"), "int"),
            Column(_("Rate applied")),
        ],
    )
    for r in report.rates:
        table.rows.append(
            [
                cells.year(r.year),
                cells.text(r.currency),
                cells.rate(r.rate),
                cells.count(r.amounts),
                cells.text(_(BASIS_LABELS[r.basis])),
            ]
        )
    table.note = _(
        "Amounts recorded in {currency} need no rate. An amount recorded with the rate its "
        "office's finance section used is converted with that rate; any other with the "
        "secretariat's rate of its year."
    ).format(currency=cur)
    rates.blocks.append(table)
    if report.unconverted:
        unconverted = Table(
            _("Amounts without an exchange rate (not in the totals)"),
            [
                Column(_("Date"), "date"),
                Column(_("Office")),
                Column(_("Item")),
                Column(_("Activity")),
                Column(_("Source")),
                Column(_("Kind")),
                Column(_("Amount"), "money"),
                Column(_("Currency")),
            ],
        )
        for u in report.unconverted:
            unconverted.rows.append(
                [
                    cells.date(u.date),
                    cells.text(country_name(u.owner)),
                    cells.text(u.item_code),
                    cells.text(u.activity_title),
                    cells.text(label_of("funding_source", u.source)),
                    cells.text(label_of("funding_kind", u.kind)),
                    cells.money(u.amount, u.currency),
                    cells.text(u.currency),
                ]
            )
        unconverted.note = _(
            "The joint secretariat adds the missing yearly rates on its Exchange rates page "
            "(or with “acec rates set”), and its next package brings them here; an office "
            "may also record, on the funding record, the rate its finance section used."
        )
        rates.blocks.append(unconverted)
    else:
        rates.blocks.append(Paragraph(_("Every amount could be converted.")))
    doc.sections.append(rates)
    return doc


def _money_table(
    title: str,
    header: str,
    cur: str,
    rows: list[MoneyRow],
    total: MoneyRow,
    name: Callable[[str], str],
    key_kind: CellKind = "text",
) -> Table:
    table = Table(
        title,
        [
            Column(header, key_kind),
            Column(_("Committed ({currency})").format(currency=cur), "money", cur),
            Column(_("Disbursed ({currency})").format(currency=cur), "money", cur),
            Column(_("In kind ({currency})").format(currency=cur), "money", cur),
        ],
    )
    for row in rows:
        table.rows.append(
            [
                cells.year(int(row.key)) if key_kind == "year" else cells.text(name(row.key)),
                cells.money(row.committed),
                cells.money(row.disbursed),
                cells.money(row.in_kind),
            ]
        )
    table.rows.append(
        [
            cells.text(_("Total")),
            cells.money(total.committed),
            cells.money(total.disbursed),
            cells.money(total.in_kind),
        ]
    )
    table.total_rows = 1
    return table


def _money_chart(title: str, rows: list[MoneyRow], codes: str | None) -> Chart:
    labels = [label_of(codes, r.key) if codes else r.key for r in rows]
    return bar_chart(
        title,
        labels,
        [
            (_("Committed"), [float(r.committed) for r in rows], []),
            (_("Disbursed"), [float(r.disbursed) for r in rows], []),
            (_("In kind"), [float(r.in_kind) for r in rows], []),
        ],
    )
