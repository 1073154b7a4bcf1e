"""One activity on one sheet: what, when, where, who took part, money and outputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from app.i18n import _, country_name, format_date, format_number
from app.models import (
    Activity,
    ActivityOutput,
    ActivityPartner,
    Funding,
    Organisation,
    Participation,
    Person,
)
from app.models.codes import label_of
from app.models.plan_wording import localised
from app.models.search_fold import like_pattern
from app.reports import cells
from app.reports.activity_lookup import live_activity
from app.reports.compose import start_document
from app.reports.funding import REPORTING_CURRENCY
from app.reports.model import Block, Column, Paragraph, ReportDocument, Section, Table
from app.reports.office_names import office_title
from app.reports.people import load_decisions
from app.reports.rate_choice import BASIS_LABELS, NONE, REPORTING, applied_rate, yearly_rates
from app.reports.scope import limit_sheet_to_accepted
from app.store import Database

# The sheet's headings are the smaller kind: one ordinary activity fits one page.
SHEET_LEVEL = 2


@dataclass(frozen=True)
class SheetParticipant:
    name: str
    name_local: str | None
    country: str
    organisation: str | None
    role: str
    completed: bool
    certificate: str | None


@dataclass(frozen=True)
class SheetMoney:
    date: dt.date
    kind: str
    source: str
    donor: str | None
    amount: Decimal
    currency: str
    converted: Decimal | None  # in the reporting currency; None when no rate
    basis: str = NONE  # which rate was applied (see rate_choice)
    rate: Decimal | None = None


@dataclass
class ActivitySheet:
    """Everything recorded about one activity."""

    office_name: str
    site: str
    uid: str
    owner: str
    title: str
    title_local: str | None
    item_code: str
    item_title: tuple[str, str | None]
    type: str
    status: str
    topic: str | None
    start: dt.date | None
    end: dt.date | None
    host_country: str | None
    city: str | None
    countries: list[str]
    notes: str | None
    accepted_only: bool = False  # only what the secretariat accepted
    partners: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    participants: list[SheetParticipant] = field(default_factory=list)
    money: list[SheetMoney] = field(default_factory=list)
    outputs: list[tuple[str, str, str | None, dt.date | None]] = field(default_factory=list)

    def role_counts(self) -> dict[str, int]:
        """How many people took part in each role."""
        return dict(Counter(p.role for p in self.participants))


def activity_sheet(
    db: Database, activity_uid: str, *, accepted_only: bool = False
) -> ActivitySheet:
    """The sheet of one activity; ``NotFoundError`` when there is no such activity.

    With ``accepted_only``, the activity must be one the secretariat accepted,
    and its people, partners and money are those the secretariat accepted.
    """
    with db.read_session() as session:
        act, item = live_activity(session, activity_uid)
        if accepted_only:
            limit_sheet_to_accepted(session, act)
        sheet = ActivitySheet(
            accepted_only=accepted_only,
            office_name=db.site_info.office_name,
            site=db.site_info.site,
            uid=act.uid,
            owner=act.owner,
            title=act.title,
            title_local=act.title_local,
            item_code=item.code if item else "",
            item_title=(item.title_en, item.title_zh) if item else ("", None),
            type=act.type,
            status=act.status,
            topic=act.topic,
            start=act.start_date,
            end=act.end_date,
            host_country=act.host_country,
            city=act.city,
            countries=(act.countries or "").split(),
            notes=act.notes,
        )
        same = load_decisions(session, "organisation")
        listed: set[tuple[str, str | None]] = set()
        for org, role in session.execute(
            select(Organisation, ActivityPartner.role)
            .join(ActivityPartner, ActivityPartner.organisation_uid == Organisation.uid)
            .where(ActivityPartner.activity_uid == act.uid, ActivityPartner.deleted.is_(False))
            .order_by(Organisation.name, Organisation.uid)
        ):
            once = (same.canonical(org.uid), role)  # linked copies of one partner: listed once
            if once not in listed:
                listed.add(once)
                sheet.partners.append((org.name, org.country, role))
        for part, person, org_name in session.execute(
            select(Participation, Person, Organisation.name)
            .join(Person, Person.uid == Participation.person_uid)
            .outerjoin(Organisation, Organisation.uid == Person.organisation_uid)
            .where(Participation.activity_uid == act.uid, Participation.deleted.is_(False))
            .order_by(Participation.role, Person.country, Person.name)
        ):
            sheet.participants.append(
                SheetParticipant(
                    person.name,
                    person.name_local,
                    person.country,
                    org_name,
                    part.role,
                    part.completed,
                    part.certificate,
                )
            )
        rates = yearly_rates(session, REPORTING_CURRENCY)
        for f, donor in session.execute(
            select(Funding, Organisation.name)
            .outerjoin(Organisation, Organisation.uid == Funding.donor_uid)
            .where(Funding.activity_uid == act.uid, Funding.deleted.is_(False))
            .order_by(Funding.date)
        ):
            applied = applied_rate(f.currency, f.date.year, f.own_rate, rates, REPORTING_CURRENCY)
            sheet.money.append(
                SheetMoney(
                    f.date, f.kind, f.source, donor, f.amount, f.currency,
                    applied.convert(f.amount), applied.basis, applied.rate,
                )
            )  # fmt: skip
        for o in session.scalars(
            select(ActivityOutput)
            .where(ActivityOutput.activity_uid == act.uid, ActivityOutput.deleted.is_(False))
            .order_by(ActivityOutput.date, ActivityOutput.title)
        ):
            sheet.outputs.append((o.kind, o.title, o.link, o.date))
    return sheet


def activity_choices(db: Database, text: str = "", limit: int = 200) -> list[tuple[str, str]]:
    """(uid, "date · title") of activities whose title (or city) contains ``text``, newest first."""
    with db.read_session() as session:
        query = select(Activity.uid, Activity.title, Activity.start_date).where(
            Activity.deleted.is_(False)
        )
        pattern = like_pattern(text)
        if pattern is not None:  # case, accents and width forgiven, as in the lists
            query = query.where(Activity.search_fold.like(pattern, escape="\\"))
        rows = session.execute(
            query.order_by(Activity.start_date.desc(), Activity.title).limit(limit)
        ).all()
    return [
        (r.uid, f"{r.start_date.isoformat() if r.start_date else '—'} · {r.title}") for r in rows
    ]


def activity_document(sheet: ActivitySheet) -> ReportDocument:
    """The activity sheet as a document, in the current language."""
    doc = start_document("activity", _("Activity sheet"), None)
    office = office_title(sheet.site, sheet.office_name)
    doc.header = f"{_('Activity sheet')} · {office}"
    doc.title_lines = [
        sheet.title + (f" — {sheet.title_local}" if sheet.title_local else ""),
        _("Plan item {code}: {title}").format(
            code=sheet.item_code, title=localised(*sheet.item_title)
        ),
        _("Record id: {uid}").format(uid=sheet.uid),
        " · ".join(
            [
                _("Office: {office}").format(office=office),
                _("Produced on {date}").format(date=format_date(dt.date.today())),
            ]
        ),
    ]
    if sheet.accepted_only:
        doc.title_lines.append(_("Figures accepted by the secretariat"))
    facts = _facts_table(sheet)
    doc.sections.append(Section(facts.title, [facts], level=SHEET_LEVEL))
    if sheet.money:
        funding = _funding_table(sheet.money)
        doc.sections.append(Section(funding.title, [funding], level=SHEET_LEVEL))
    else:
        doc.sections.append(
            Section(_("Funding"), [Paragraph(_("No funding recorded."))], level=SHEET_LEVEL)
        )
    outputs = Table(
        _("Outputs"),
        [Column(_("Kind")), Column(_("Title")), Column(_("Link")), Column(_("Date"), "date")],
    )
    outputs.rows = [
        [cells.text(label_of("output_kind", k)), cells.text(t), cells.text(link), cells.date(d)]
        for k, t, link, d in sheet.outputs
    ]
    blocks: list[Block] = [outputs] if outputs.rows else [Paragraph(_("No outputs recorded."))]
    doc.sections.append(Section(outputs.title, blocks, level=SHEET_LEVEL))
    who = Section(_("Who took part"), level=SHEET_LEVEL)
    counts = sheet.role_counts()
    who.blocks.append(
        Paragraph(
            "; ".join(
                f"{label_of('participation_role', r)}: {format_number(n)}"
                for r, n in counts.items()
            )
            or _("No participants recorded.")
        )
    )
    if sheet.partners:
        partners = Table(
            _("Partner organisations"),
            [Column(_("Organisation")), Column(_("Country")), Column(_("Role"))],
        )
        partners.rows = [
            [cells.text(n), cells.text(country_name(c)), cells.text(r)]
            for n, c, r in sheet.partners
        ]
        who.blocks.append(partners)
    if sheet.participants:
        who.blocks.append(_participants_table(sheet.participants))
    doc.sections.append(who)

    return doc


def _facts_table(sheet: ActivitySheet) -> Table:
    """What, when and where, two facts to a row so that an ordinary sheet fits one page."""
    facts = [
        (_("Type"), label_of("activity_type", sheet.type)),
        (_("Status"), label_of("activity_status", sheet.status)),
        (_("Topic"), label_of("training_topic", sheet.topic)),
        (
            _("Dates"),
            _("{start} to {end}").format(
                start=format_date(sheet.start), end=format_date(sheet.end)
            ),
        ),
        (_("Host country"), country_name(sheet.host_country)),
        (_("City"), sheet.city or ""),
        (_("Participating countries"), ", ".join(country_name(c) for c in sheet.countries)),
        (_("Recorded by"), country_name(sheet.owner)),
        (_("Notes"), sheet.notes or ""),
    ]
    shown = [(k, v) for k, v in facts if v.strip()]
    columns = [Column(_("Field")), Column(_("Value"))]
    table = Table(_("What, when and where"), columns + columns)
    for n in range(0, len(shown), 2):
        pair = shown[n : n + 2] + [("", "")] * (2 - len(shown[n : n + 2]))
        table.rows.append([cells.text(t) for fact in pair for t in fact])
    return table


def _participants_table(participants: list[SheetParticipant]) -> Table:
    """Who took part; the certificate column only when someone has a certificate."""
    certified = any(p.certificate for p in participants)
    columns = [
        Column(_("Name")),
        Column(_("Country")),
        Column(_("Organisation")),
        Column(_("Role")),
    ]
    if certified:
        columns.append(Column(_("Certificate")))
    table = Table(_("Participants"), columns)
    for p in participants:
        name = p.name + (f" ({p.name_local})" if p.name_local else "")
        row = [
            cells.text(name),
            cells.text(country_name(p.country)),
            cells.text(p.organisation),
            cells.text(label_of("participation_role", p.role)),
        ]
        if certified:
            row.append(cells.text(p.certificate))
        table.rows.append(row)
    return table


def _funding_table(money: list[SheetMoney]) -> Table:
    """The activity's money; the conversion columns only when some amount needs one."""
    converted = any(m.basis != REPORTING for m in money)
    columns = [
        Column(_("Date"), "date"),
        Column(_("Kind")),
        Column(_("Source")),
        Column(_("Donor")),
        Column(_("Amount"), "money"),
        Column(_("Currency")),
    ]
    if converted:
        columns.append(
            Column(
                _("In {currency}").format(currency=REPORTING_CURRENCY), "money", REPORTING_CURRENCY
            )
        )
        columns.append(Column(_("Rate applied")))
    table = Table(_("Funding"), columns)
    for m in money:
        row = [
            cells.date(m.date),
            cells.text(label_of("funding_kind", m.kind)),
            cells.text(label_of("funding_source", m.source)),
            cells.text(m.donor),
            cells.money(m.amount, m.currency),
            cells.text(m.currency),
        ]
        if converted:
            row += [cells.money(m.converted), cells.text(_rate_text(m))]
        table.rows.append(row)
    return table


def _rate_text(money: SheetMoney) -> str:
    """Which rate converted an amount, with the rate itself when there is one."""
    basis = _(BASIS_LABELS[money.basis])
    if money.rate is None or money.basis == "reporting":
        return basis
    return f"{basis}: {format(money.rate.normalize(), 'f')}"
