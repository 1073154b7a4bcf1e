"""Green envoys (plan item 2.4): people named, by country, sector and year.

Rules: an envoy record counts when it and its person are not deleted; its
country is the person's country and its year the year named. People are
counted, not rows (``PersonIdentity``): a person named twice in a year counts
once that year, and once in the whole-period total. A year report counts the
envoys named that year; the whole-period report those named in the plan years.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from app.i18n import _, country_name, format_number, ngettext
from app.models import GreenEnvoy, Person
from app.models.codes import ENVOY_SECTOR, label_of
from app.reports import cells
from app.reports.compose import bar_chart, count_series, pie_chart, start_document
from app.reports.model import Column, Paragraph, ReportDocument, Section, Table
from app.reports.people import load_person_identity
from app.reports.scope import ReportHeader, report_header
from app.store import Database


@dataclass
class EnvoyReport:
    """Distinct people named green envoys, in total and by country, sector and year."""

    header: ReportHeader
    total: int
    by_country: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)
    by_country_sector: dict[str, dict[str, int]] = field(default_factory=dict)


def envoys_report(
    db: Database,
    *,
    country: str | None = None,
    year: int | None = None,
    accepted_only: bool = False,
) -> EnvoyReport:
    """Green envoys of ``country`` (None: region) named in ``year`` (None: the plan years)."""
    with db.read_session() as session:
        header = report_header(db, session, country=country, year=year, accepted_only=accepted_only)
        query = (
            select(GreenEnvoy.person_uid, GreenEnvoy.sector, GreenEnvoy.year, Person.country)
            .join(Person, Person.uid == GreenEnvoy.person_uid)
            .where(GreenEnvoy.deleted.is_(False), Person.deleted.is_(False))
        )
        if country is not None:
            query = query.where(Person.country == country)
        rows = session.execute(query).all()
        identity = load_person_identity(session)
    window = set(header.plan.years if year is None else [year])
    rows = [r for r in rows if r.year in window]
    people: set[str] = set()
    by_country: dict[str, set[str]] = defaultdict(set)
    by_sector: dict[str, set[str]] = defaultdict(set)
    by_year: dict[int, set[str]] = defaultdict(set)
    grid: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        person = identity.canonical_person(r.person_uid)
        people.add(person)
        by_country[r.country].add(person)
        by_sector[r.sector].add(person)
        by_year[r.year].add(person)
        grid[r.country][r.sector].add(person)
    return EnvoyReport(
        header=header,
        total=len(people),
        by_country={c: len(by_country[c]) for c in sorted(by_country)},
        by_sector={s: len(by_sector[s]) for s in ENVOY_SECTOR if s in by_sector},
        by_year={y: len(by_year.get(y, set())) for y in sorted(window)},
        by_country_sector={
            c: {s: len(grid[c].get(s, set())) for s in ENVOY_SECTOR} for c in sorted(grid)
        },
    )


def envoys_document(report: EnvoyReport) -> ReportDocument:
    """The green-envoys report as a document, in the current language."""
    doc = start_document("envoys", _("Green envoys"), report.header)
    section = Section(_("People named green envoys"))
    section.blocks.append(
        Paragraph(
            ngettext(
                "{n} person named green envoy in this period.",
                "{n} people named green envoys in this period.",
                report.total,
            ).format(n=format_number(report.total))
        )
    )
    grid = Table(
        _("By country and sector"),
        [Column(_("Country"))]
        + [Column(label_of("envoy_sector", s), "int") for s in ENVOY_SECTOR]
        + [Column(_("All sectors"), "int")],
    )
    for c, sectors in report.by_country_sector.items():
        grid.rows.append(
            [cells.text(country_name(c))]
            + [cells.count(sectors[s]) for s in ENVOY_SECTOR]
            + [cells.count(report.by_country[c])]
        )
    grid.rows.append(
        [cells.text(_("Total"))]
        + [cells.count(report.by_sector.get(s, 0)) for s in ENVOY_SECTOR]
        + [cells.count(report.total)]
    )
    grid.total_rows = 1
    grid.note = _("A person named in two sectors counts in each; the totals count people once.")
    section.blocks.append(grid)
    if report.by_sector:
        section.blocks.append(
            pie_chart(
                _("By sector"),
                [label_of("envoy_sector", s) for s in report.by_sector],
                list(report.by_sector.values()),
                [format_number(v) for v in report.by_sector.values()],
            )
        )
    years = Table(_("By year named"), [Column(_("Year"), "year"), Column(_("People"), "int")])
    for y, n in report.by_year.items():
        years.rows.append([cells.year(y), cells.count(n)])
    section.blocks.append(years)
    if report.by_year:
        section.blocks.append(
            bar_chart(
                _("By year named"),
                [str(y) for y in report.by_year],
                [count_series(_("People"), report.by_year.values())],
            )
        )
    doc.sections.append(section)
    return doc
