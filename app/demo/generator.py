"""Make a realistic, reproducible demo picture and insert it in one transaction.

On a country's database every record is owned by that country: a site never
makes records owned by another (the exchange rates are reference data every
site already holds, see ``app.services.reference_data``). On the
secretariat's database each of the twelve countries owns its share, as if
their packages had arrived, and the secretariat owns the regional events.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from app.demo.activity_rows import (
    add_activities,
    add_organisations,
    add_partners_and_outputs,
)
from app.demo.currencies import RATE_YEARS
from app.demo.funding_rows import add_funding
from app.demo.owner import OwnerDemo, quotas_for
from app.demo.people_rows import (
    Certificates,
    add_green_envoys,
    add_participations,
    add_people,
)
from app.i18n import _
from app.models import AuditEntry, LocalSite, Participation, fields_of, model_of
from app.models.codes import COUNTRY_CODES, SECRETARIAT
from app.models.record_ids import owner_bound_uid
from app.models.search_fold import SEARCH_COLUMN, record_search_text, search_fields
from app.models.values import canonical
from app.store import Database
from app.store.audit_log import audit_row
from app.store.clock import next_versions

Progress = Callable[[int, int, str], None]

# Insert order: parents before children.
KINDS = (
    "organisation",
    "activity",
    "activity_partner",
    "activity_output",
    "person",
    "participation",
    "green_envoy",
    "funding",
)
# Relative share of each country in the secretariat's regional picture.
COUNTRY_WEIGHTS = {
    "CN": 16, "VN": 10, "TH": 10, "ID": 10, "MY": 8, "PH": 8, "KH": 8,
    "LA": 7, "MM": 7, "SG": 6, "BN": 4, "TL": 3,
}  # fmt: skip
SECRETARIAT_SHARE = 0.12
RECORDS_PER_COUNTRY = 150  # below this many per country, fewer countries take part
CHUNK = 5000
AUDIT_TABLE = cast(Table, AuditEntry.__table__)


@dataclass(frozen=True)
class DemoResult:
    """What ``generate_demo`` added: the total and a count per record kind."""

    total: int
    counts: dict[str, int] = field(default_factory=dict)


def _owner_sizes(site: str, size: int, rng: random.Random) -> list[tuple[str, int]]:
    if site != SECRETARIAT:
        return [(site, size)]
    taking_part = max(1, min(len(COUNTRY_CODES), size // RECORDS_PER_COUNTRY))
    countries = sorted(rng.sample(COUNTRY_CODES, taking_part), key=COUNTRY_CODES.index)
    weights = {c: COUNTRY_WEIGHTS[c] for c in countries}
    total = sum(weights.values())
    national = size * (1 - SECRETARIAT_SHARE)
    sizes = [(SECRETARIAT, round(size * SECRETARIAT_SHARE))]
    sizes += [(c, round(national * w / total)) for c, w in weights.items()]
    return sizes


def _build_owner(
    owner: str,
    size: int,
    rng: random.Random,
    new_uid: Callable[[str], str],
    certs: Certificates,
    step_done: Callable[[int], None],
) -> OwnerDemo:
    """Every record of one owner; ``step_done(records made)`` after each step."""
    demo = OwnerDemo(owner, rng, new_uid, _("Demo data"), quotas_for(size))
    steps: list[Callable[[OwnerDemo], None]] = [
        add_organisations,
        add_activities,
        add_partners_and_outputs,
        add_people,
        lambda d: add_participations(d, certs),
        add_green_envoys,
        add_funding,
    ]
    for step in steps:
        step(demo)
        step_done(sum(len(r) for r in demo.rows.values()))
    return demo


def _certificates_so_far(session: Session) -> dict[int, int]:
    counts = {}
    for year in (*RATE_YEARS[1:], 2015):
        counts[year] = (
            session.scalar(
                select(func.count())
                .select_from(Participation)
                .where(Participation.certificate.like(f"ACEC-{year}-%"))
            )
            or 0
        )
    return counts


def _give_versions(session: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
    """One new clock version per row, made for the row's owner, parents first."""
    by_owner: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        for row in rows.get(kind, ()):
            if "version" not in row:
                by_owner.setdefault(row["owner"], []).append(row)
    for owner, owned in by_owner.items():
        for row, version in zip(owned, next_versions(session, owner, len(owned)), strict=True):
            row["version"] = version


def _audit_rows(kind: str, rows: list[dict[str, Any]], origin: str) -> list[dict[str, Any]]:
    specs = fields_of(kind)
    out = []
    for row in rows:
        changes = {
            s.name: (None, canonical(s.type, row[s.name])) for s in specs if row[s.name] is not None
        }
        out.append(
            audit_row(row["owner"], kind, row["uid"], "demo", row["version"], changes, origin)
        )
    return out


def _build_all(
    session: Session, site: str, size: int, salt: str, report: Progress
) -> dict[str, list[dict[str, Any]]]:
    """Every row to add, by kind, with versions; nothing written yet."""
    rng = random.Random(salt)
    uid_rng = random.Random(salt + "/uids")

    def new_uid(owner: str) -> str:
        return owner_bound_uid(owner, uid_rng)

    owners = _owner_sizes(site, size, rng)
    certs = Certificates(_certificates_so_far(session))
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    total = sum(s for _o, s in owners) * 2
    done = 0
    for owner, owner_size in owners:
        message = _("Making demo records for {site}…").format(site=owner)
        report(done, total, message)

        def step_done(made: int, before: int = done, message: str = message) -> None:
            report(min(before + made, total), total, message)

        demo = _build_owner(owner, owner_size, rng, new_uid, certs, step_done)
        for kind in KINDS:
            rows[kind].extend(demo.rows.get(kind, ()))
        done += owner_size
    _give_versions(session, rows)
    return rows


def _save(
    session: Session, rows: dict[str, list[dict[str, Any]]], origin: str, report: Progress
) -> None:
    """Bulk-insert the rows and one audit row each, in chunks, in the session's transaction."""
    built = sum(len(r) for r in rows.values())
    done, total = built, built * 2
    # Core inserts on the session's connection: the same transaction, without
    # the ORM's per-row bookkeeping.
    connection = session.connection()
    for kind in KINDS:
        model = model_of(kind)
        table = cast(Table, model.__table__)
        batch = rows[kind]
        if search_fields(model):
            for row in batch:
                row[SEARCH_COLUMN] = record_search_text(model, row)
        for start in range(0, len(batch), CHUNK):
            report(done, total, _("Saving demo records…"))
            chunk = batch[start : start + CHUNK]
            connection.execute(table.insert(), chunk)
            connection.execute(AUDIT_TABLE.insert(), _audit_rows(kind, chunk, origin))
            done += len(chunk)
    report(total, total, _("Demo records saved."))


def generate_demo(
    db: Database, size: int = 2000, seed: int = 1, progress: Progress | None = None
) -> DemoResult:
    """Add about ``size`` realistic demo records to ``db`` in one transaction.

    The same seed, size and site on a fresh database give the same records
    (uids included; versions come from the clock). Running it again adds
    more. ``progress(done, total, message)`` is called now and then; if it
    raises (``Cancelled``), nothing is added.
    """
    site = db.site
    report: Progress = progress or (lambda done, total, message: None)
    with db.session() as session:
        runs_before = session.scalar(
            select(func.count(func.distinct(AuditEntry.origin))).where(AuditEntry.action == "demo")
        )
        salt = f"acec-demo/{seed}/{site}/{size}/{runs_before}"
        rows = _build_all(session, site, size, salt, report)
        _save(session, rows, f"demo seed {seed} run {(runs_before or 0) + 1}", report)
        session.execute(update(LocalSite).values(demo=True))
    db.forget_site_cache()
    counts = {kind: len(rows[kind]) for kind in KINDS if rows[kind]}
    return DemoResult(total=sum(counts.values()), counts=counts)
