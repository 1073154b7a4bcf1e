"""Export: write what a peer has not yet acknowledged into a signed package workbook."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, CursorResult, select
from sqlalchemy.orm import Session

from app.errors import AcecError, storage_error
from app.i18n import _, format_datetime, format_number, ngettext
from app.models import PackageLog, model_of
from app.models.codes import ALL, COUNTRY_CODES, SECRETARIAT, label_of
from app.models.utc import utc_now, utc_now_seconds
from app.store import Database
from app.store.clock import repair_clock
from app.store.unfinished import forget_unfinished, note_unfinished
from app.sync.file_stamp import stamp_file
from app.sync.floors import stated_vector
from app.sync.layout import SCHEMA_VERSION, kinds_in_order, sheet_titles, value_specs
from app.sync.manifest import Manifest
from app.sync.owed import acks_to_send_on
from app.sync.package_limits import DEFAULT_LIMITS
from app.sync.package_writer import CoverText, PackageWriter
from app.sync.receipts import statements_for
from app.sync.sequences import SentPackage, next_number, note_sent
from app.sync.signing import sign_digest
from app.sync.trust import build_registry, registry_text
from app.sync.unsent import count_matching, record_filter
from app.sync.withheld import withhold_contacts

HEADER_ROWS = 2  # labels and field keys, above each sheet's records
MANIFEST_ROOM = 1_000  # the manifest sheet: a row per setting, owner and sheet
ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    """A package written: where, for whom, and how many records of each kind."""

    path: Path
    package_id: str
    sender: str
    recipient: str
    full: bool
    counts: dict[str, int] = field(default_factory=dict)
    sequence: int = 0  # the package's number for its recipient; 0 for a receipt

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def default_recipient(site: str) -> str | None:
    """Where a site's packages go unless told otherwise: a country sends to SEC."""
    return None if site == SECRETARIAT else SECRETARIAT


def check_recipient(site: str, to: str | None) -> str:
    """The recipient code to use, or ``AcecError`` saying why ``to`` is not possible."""
    code = (to or default_recipient(site) or "").strip().upper()
    if site != SECRETARIAT:
        if code != SECRETARIAT:
            raise AcecError(
                _(
                    "A country office sends its packages to the joint secretariat: "
                    "use --to SEC (or leave --to out)."
                )
            )
        return code
    if not code:
        raise AcecError(
            _("Say which office the package is for: --to with a country code, or --to ALL.")
        )
    if code != ALL and code not in COUNTRY_CODES:
        raise AcecError(
            _("Unknown office “{code}”. Use one of: {codes}, or ALL.").format(
                code=to, codes=", ".join(COUNTRY_CODES)
            )
        )
    return code


def _based_on(site: str, acks: dict[str, str]) -> dict[str, str]:
    """The acknowledgement the package is based on, for the owners it may carry."""
    return {o: v for o, v in acks.items() if site == SECRETARIAT or o == site}


def _select_rows(
    conn: Connection, kind: str, where: ColumnElement[bool] | None
) -> CursorResult[Any]:
    table = model_of(kind).__table__
    columns = [table.c[s.name] for s in value_specs(kind)]
    query = select(*columns).order_by(table.c.uid)
    if where is not None:
        query = query.where(where)
    return conn.execution_options(yield_per=2000).execute(query)


def export_package(
    db: Database,
    out: Path,
    *,
    to: str | None = None,
    full: bool = False,
    receipt_only: bool = False,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """Write a sync package for ``to`` (default: SEC from a country) at ``out``.

    Carries the records the recipient has not acknowledged (all with ``full``,
    and always all for ``ALL``), the sender's received vector, the package's
    number in the recipient's series, what arrived from the recipient
    (``receipts``), a hash per sheet and the signature. ``receipt_only``
    writes a receipt: no records, no number, only those statements. Written under a temporary name and renamed when
    complete, so a cancelled or failed export leaves no half file.
    """
    report = progress or _no_progress
    site = db.site
    recipient = check_recipient(site, to)
    full = full or recipient == ALL
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise AcecError(_("A package file name must end in .xlsx: {file}").format(file=out))
    now = utc_now_seconds()
    package_id = f"{site}-{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
    partial = out.with_name(out.stem + ".partial.xlsx")
    kinds = kinds_in_order()
    titles = sheet_titles(kinds)
    counts: dict[str, int] = {}
    # The secretariat's packages carry its signed registry of every site's key.
    registry = registry_text(build_registry(db)) if site == SECRETARIAT else ""
    with db.session() as session:  # an older program may have left versions we cannot send
        repair_clock(session, site)
    # The file and xlsxwriter's sheet parts are listed as unfinished until
    # done, so the next open removes what a killed export leaves.
    parts = Path(tempfile.mkdtemp(prefix="acec-export-"))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        note_unfinished(db.path, partial, parts)
        writer = PackageWriter(partial, parts)
    except OSError as exc:
        _clean_up(db, partial, parts)
        known = storage_error(exc, shown_as=out)
        if known is not None:
            raise known from exc
        raise AcecError(
            _("Cannot write {file}: {error}").format(file=out, error=exc.strerror)
        ) from exc
    try:
        with db.engine.connect() as conn, conn.begin():
            with Session(bind=conn) as session:
                # Lowered below what arrived out of order since (app.sync.owed).
                acks = {} if recipient == ALL else acks_to_send_on(session, recipient)
                # Capped by floors: after an undo we ask again for what it took.
                received = stated_vector(session)
                sequence = 0 if receipt_only else next_number(session, recipient)
                receipts = statements_for(session, recipient)
            wheres = {k: record_filter(model_of(k), site, recipient, acks, full) for k in kinds}
            totals = {k: 0 if receipt_only else count_matching(conn, k, wheres[k]) for k in kinds}
            _check_fits(totals, titles)
            grand_total = sum(totals.values())
            done = 0
            report(0, grand_total, _("Writing the package…"))
            entries = []
            for kind in kinds:
                if not totals[kind]:
                    continue
                label = _(model_of(kind).__plural__)

                def sheet_progress(n: int, base: int = done, label: str = label) -> None:
                    report(base + n, grand_total, label)

                rows = withhold_contacts(
                    kind, site, recipient, _select_rows(conn, kind, wheres[kind])
                )
                entry = writer.write_sheet(kind, titles[kind], rows, sheet_progress)
                if entry is not None:
                    entries.append(entry)
                    counts[kind] = entry.rows
                    done += entry.rows
                    report(done, grand_total, label)
        manifest = Manifest(
            package_id=package_id,
            schema_version=SCHEMA_VERSION,
            sender=site,
            recipient=recipient,
            created=now.isoformat(),
            full=full,
            received=received,
            since={} if full else _based_on(site, acks),
            sheets=entries,
            key_registry=registry,
            sequence=sequence,
            receipts=receipts,
        )
        digest = manifest.compute_digest()
        manifest.digest = digest.hex()
        manifest.signature = sign_digest(db, digest)
        report(done, grand_total, _("Finishing the file…"))
        writer.finish(manifest, _cover_text(db, manifest, counts, out.name))
        stamp_file(partial)
        try:
            os.replace(partial, out)
        except OSError as exc:  # e.g. the old file is open in Excel on Windows
            raise AcecError(
                _(
                    "Cannot write {file}: {error}. Close it if it is open, or choose another name."
                ).format(file=out, error=exc.strerror or exc)
            ) from exc
    except BaseException as exc:
        writer.abandon()
        partial.unlink(missing_ok=True)
        known = storage_error(exc, db.path, shown_as=out)
        if known is not None:
            raise known from exc
        raise
    finally:
        _clean_up(db, partial, parts)
    result = ExportResult(out, package_id, site, recipient, full, counts, sequence)
    _log_export(db, result, now)
    return result


def _check_fits(totals: dict[str, int], titles: dict[str, str]) -> None:
    """Refuse to write a package the guard of every recipient would refuse for its size."""
    per_sheet = DEFAULT_LIMITS.max_rows - HEADER_ROWS
    for kind, count in totals.items():
        if count > per_sheet:
            raise AcecError(
                _(
                    "This package would carry {count} records in the sheet {sheet}, but a "
                    "package may carry at most {limit} in one sheet, so no office could import "
                    "it. Nothing was written. ACEC Tracker cannot yet split so many records over "
                    "several packages; ask whoever supports the program for help."
                ).format(
                    count=format_number(count),
                    sheet=titles[kind],
                    limit=format_number(per_sheet),
                )
            )
    # The manifest's own rows count too, but it is a sheet of a few dozen.
    in_all = DEFAULT_LIMITS.max_package_rows - HEADER_ROWS * (len(totals) + 1) - MANIFEST_ROOM
    if sum(totals.values()) > in_all:
        raise AcecError(
            _(
                "This package would carry {count} records, but a package may carry at most "
                "{limit} in all, so no office could import it. Nothing was written. ACEC Tracker "
                "cannot yet split so many records over several packages; ask whoever supports "
                "the program for help."
            ).format(count=format_number(sum(totals.values())), limit=format_number(in_all))
        )


def _clean_up(db: Database, partial: Path, parts: Path) -> None:
    """Remove the sheet parts and strike both off the unfinished list."""
    shutil.rmtree(parts, ignore_errors=True)
    forget_unfinished(db.path, partial, parts)


def _log_export(db: Database, result: ExportResult, at: dt.datetime) -> None:
    with db.session() as session:
        if result.sequence:
            note_sent(
                session,
                SentPackage(result.recipient, result.sequence, result.package_id, at, result.total),
            )
        session.add(
            PackageLog(
                at=utc_now(),
                direction="export",
                peer=result.recipient,
                package_id=result.package_id,
                file_name=str(result.path),
                records=result.total,
                outcome="written",
                detail=None,
            )
        )


def _site_text(code: str) -> str:
    if code == ALL:
        return _("every country office (ALL)")
    return f"{label_of('site', code)} ({code})"


def _content_text(manifest: Manifest) -> str:
    if manifest.sequence == 0:
        return _(
            "A receipt: no records, only what arrived from the recipient and what became of it."
        )
    if manifest.full:
        return _("Every record the sender holds for the recipient.")
    return _("The records the recipient has not yet acknowledged.")


def _cover_text(
    db: Database, manifest: Manifest, counts: dict[str, int], file_name: str
) -> CoverText:
    created = dt.datetime.fromisoformat(manifest.created).replace(tzinfo=dt.UTC)
    total = sum(counts.values())
    return CoverText(
        title=_("ACEC Tracker sync package"),
        lines=[
            (
                _("What this file is"),
                _(
                    "Records exchanged between the offices of the China–ASEAN Environmental "
                    "Cooperation Action Plan, to be imported with ACEC Tracker."
                ),
            ),
            (_("From"), f"{db.site_info.office_name} — {_site_text(manifest.sender)}"),
            (_("For"), _site_text(manifest.recipient)),
            (_("Made on"), _("{time} UTC").format(time=format_datetime(created))),
            (_("Package id"), manifest.package_id),
            (_("Content"), _content_text(manifest)),
            (
                _("Records"),
                ngettext("{n} record", "{n} records", total).format(n=total),
            ),
        ],
        counts=[(_(model_of(k).__plural__), n) for k, n in counts.items()],
        how_to=[
            _(
                "In ACEC Tracker open the Sync page, click Import…, choose this file, "
                "check the preview and click Import. You can also drop the file on the window."
            ),
            _("On the command line: acec import {file}").format(file=file_name),
            _(
                "Do not change this file. Any change to a record is detected and the "
                "package is then refused; ask the sender for a new one instead."
            ),
            _(
                "Codes stay codes in every language; the columns marked “(meaning)” show "
                "what a code means."
            ),
        ],
    )
