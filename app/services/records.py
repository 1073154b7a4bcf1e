"""Create, read, update and delete (tombstone) any kind of synced record.

Each call is one unit of work: one session, one transaction, one audit entry
per record, and a new clock version per change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, Problem, ReadOnlyError, ValidationError
from app.i18n import _
from app.models import RECORD_TYPES, SyncedRecord, fields_of, model_of
from app.models.codes import SECRETARIAT, label_of
from app.models.lock_rules import LockCheck
from app.models.record_ids import UnboundUid, owner_bound_uid, uid_owner
from app.models.values import canonical
from app.services.validation import check_record_rules, coerce_values
from app.store import Database
from app.store.audit_log import audit_row, write_audit
from app.store.clock import next_version, next_versions


@dataclass(frozen=True)
class RecordData:
    """One record as services hand it out: sync columns plus field values."""

    kind: str
    uid: str
    owner: str
    version: str
    deleted: bool
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def read_only_for(self, site: str) -> bool:
        """True when ``site`` may not change this record."""
        return self.owner != site


def to_data(row: SyncedRecord) -> RecordData:
    """A detached dataclass copy of a mapped row."""
    kind = type(row).__kind__
    return RecordData(
        kind=kind,
        uid=row.uid,
        owner=row.owner,
        version=row.version,
        deleted=row.deleted,
        values={spec.name: getattr(row, spec.name) for spec in fields_of(kind)},
    )


def _values_of(row: SyncedRecord) -> dict[str, Any]:
    return {spec.name: getattr(row, spec.name) for spec in fields_of(type(row).__kind__)}


def new_uid(owner: str) -> str:
    """A new record id, bound to ``owner`` (see ``app.models.record_ids``)."""
    return owner_bound_uid(owner)


def _check_uid_is_ours(uid: str, site: str) -> None:
    """A site never makes a record under an id bound to another office."""
    try:
        bound = uid_owner(uid)
    except UnboundUid:
        bound = ""
    if bound not in (None, site):
        raise ValidationError(
            [Problem("uid", _("the id {uid} belongs to another office").format(uid=uid))]
        )


def _check_may_create(db: Database, kind: str) -> None:
    model = model_of(kind)
    if model.__owned_by__ == SECRETARIAT and db.site != SECRETARIAT:
        raise ReadOnlyError(
            _(
                "{kind} records are kept by the joint secretariat; this office cannot add them."
            ).format(kind=_(model.__label__))
        )


def _load_own(session: Session, db: Database, kind: str, uid: str) -> SyncedRecord:
    row = session.get(model_of(kind), uid)
    if row is None or row.deleted:
        raise NotFoundError(
            _("No {kind} with id {uid}.").format(kind=_(model_of(kind).__label__), uid=uid)
        )
    if row.owner != db.site:
        raise ReadOnlyError(
            _("This {kind} belongs to {owner}; only that office can change it.").format(
                kind=_(model_of(kind).__label__).lower(), owner=label_of("site", row.owner)
            )
        )
    return row


def _check_certificate_free(session: Session, site: str, uid: str, values: dict[str, Any]) -> None:
    """One office never gives the same certificate number twice (see services.certificates)."""
    from app.services.certificates import taken_numbers

    number = values.get("certificate")
    if number and taken_numbers(session, site, [number], frozenset({uid})):
        raise ValidationError(
            [
                Problem(
                    "certificate",
                    _(
                        "the certificate number {number} is already given to another "
                        "participation of this office"
                    ).format(number=number),
                )
            ]
        )


def create_record(
    db: Database, kind: str, values: dict[str, Any], *, uid: str | None = None
) -> RecordData:
    """Validate and save a new record owned by this site."""
    _check_may_create(db, kind)
    clean = coerce_values(kind, values, partial=False)
    site = db.site
    if uid is not None:
        _check_uid_is_ours(uid, site)
    uid = uid or new_uid(site)
    with db.session() as session:
        check_record_rules(session, kind, clean)
        return to_data(insert_record(session, site, kind, clean, uid))


class InsertBatch:
    """Many new records of one office in one transaction (a filled template's rows).

    Loading the year locks, reserving a version, flushing and writing the audit entry
    once per record made a 10,000-row template take minutes; a batch loads the locks
    once, reserves the versions it expects to need at once and writes the audit entries and
    the records together in ``finish``. The records are flushed whenever the session
    next queries (autoflush), so later rows still find them.
    """

    def __init__(self, session: Session, site: str, expected: int = 500) -> None:
        """``expected``: about how many records the batch adds (versions are reserved for
        that many at once: each reservation checks the clock against every stored version)."""
        self.session, self.site = session, site
        self.locks = LockCheck.load(session)
        self.expected = max(1, expected)
        self._versions: list[str] = []
        self._audit: list[dict[str, Any]] = []

    def version(self) -> str:
        if not self._versions:
            reserved = next_versions(self.session, self.site, self.expected)
            self._versions = reserved[::-1]  # popped from the end: oldest first
        return self._versions.pop()

    def audit(self, entry: dict[str, Any]) -> None:
        self._audit.append(entry)

    def finish(self) -> None:
        """Write the records and their audit entries (the versions left over stay unused)."""
        self.session.flush()
        write_audit(self.session, self._audit)
        self._audit = []


def insert_record(
    session: Session,
    site: str,
    kind: str,
    clean: dict[str, Any],
    uid: str,
    batch: InsertBatch | None = None,
) -> SyncedRecord:
    """Add a new record of ``site`` with coerced, rule-checked values, in the caller's transaction.

    The certificate number of a participation is checked here, and the year
    locks (a new record may not enter a locked year); with its audit entry.
    With ``batch``, the record and its audit entry are written by ``batch.finish``.
    """
    (batch.locks if batch else LockCheck.load(session)).refuse(kind, uid, site, clean)
    if kind == "participation":
        _check_certificate_free(session, site, uid, clean)
    row = model_of(kind)(
        uid=uid,
        owner=site,
        version=batch.version() if batch else next_version(session, site),
        deleted=False,
        **clean,
    )
    session.add(row)  # its search_fold is stored on flush (app.models.search_fold)
    changes = {
        s.name: (None, canonical(s.type, clean.get(s.name)))
        for s in fields_of(kind)
        if clean.get(s.name) is not None
    }
    entry = audit_row(site, kind, row.uid, "create", row.version, changes)
    if batch is not None:
        batch.audit(entry)
        return row
    session.flush()
    write_audit(session, [entry])
    return row


def update_record(db: Database, kind: str, uid: str, values: dict[str, Any]) -> RecordData:
    """Change some fields of a record this site owns; unchanged values are no change."""
    clean = coerce_values(kind, values, partial=True)
    site = db.site
    with db.session() as session:
        row = _load_own(session, db, kind, uid)
        specs = {s.name: s for s in fields_of(kind)}
        merged = {name: getattr(row, name) for name in specs} | clean
        missing = [s for s in specs.values() if s.required and merged.get(s.name) is None]
        if missing:
            raise ValidationError(
                [
                    Problem(s.name, _("{field} is required").format(field=_(s.label)))
                    for s in missing
                ]
            )
        check_record_rules(session, kind, merged, changed=clean)
        change_record(session, site, row, clean)
        return to_data(row)


def change_record(
    session: Session, site: str, row: SyncedRecord, clean: dict[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Set the coerced, rule-checked values that differ; a new version and audit entry if any.

    In the caller's transaction; returns the changes (old and new canonical values).
    """
    kind = type(row).__kind__
    if kind == "participation":
        _check_certificate_free(session, site, row.uid, clean)
    specs = {s.name: s for s in fields_of(kind)}
    changes = {}
    for name, value in clean.items():
        old = canonical(specs[name].type, getattr(row, name))
        new = canonical(specs[name].type, value)
        if old != new:
            changes[name] = (old, new)
    if changes:  # saving a locked record unchanged is no change, so not refused
        before = _values_of(row)
        LockCheck.load(session).refuse(kind, row.uid, site, before, before | clean)
        for name in changes:
            setattr(row, name, clean[name])
        row.version = next_version(session, site)
        write_audit(session, [audit_row(site, kind, row.uid, "update", row.version, changes)])
    return changes


def delete_record(db: Database, kind: str, uid: str) -> RecordData:
    """Mark a record this site owns as deleted (a tombstone that syncs)."""
    site = db.site
    with db.session() as session:
        row = _load_own(session, db, kind, uid)
        LockCheck.load(session).refuse(kind, uid, site, _values_of(row))
        row.deleted = True
        row.version = next_version(session, site)
        write_audit(
            session, [audit_row(site, kind, uid, "delete", row.version, {"deleted": (False, True)})]
        )
        return to_data(row)


def restore_record(db: Database, kind: str, uid: str) -> RecordData:
    """Bring back a record this site deleted (the undo of ``delete_record``)."""
    site = db.site
    with db.session() as session:
        row = session.get(model_of(kind), uid)
        if row is None:
            raise NotFoundError(
                _("No {kind} with id {uid}.").format(kind=_(model_of(kind).__label__), uid=uid)
            )
        if row.owner != site:
            raise ReadOnlyError(_("Only the office that owns a record can restore it."))
        if row.deleted:
            LockCheck.load(session).refuse(kind, uid, site, _values_of(row))
            row.deleted = False
            row.version = next_version(session, site)
            write_audit(
                session,
                [audit_row(site, kind, uid, "restore", row.version, {"deleted": (True, False)})],
            )
        return to_data(row)


def get_record(db: Database, kind: str, uid: str) -> RecordData:
    """One record by id, deleted ones included; ``NotFoundError`` if absent."""
    with db.read_session() as session:
        row = session.get(model_of(kind), uid)
        if row is None:
            raise NotFoundError(
                _("No {kind} with id {uid}.").format(kind=_(model_of(kind).__label__), uid=uid)
            )
        return to_data(row)


def kind_of_uid(db: Database, uid: str) -> str:
    """The kind of the record ``uid`` held here; ``NotFoundError`` when there is none."""
    with db.read_session() as session:
        for model in RECORD_TYPES:
            if session.get(model, uid) is not None:
                return model.__kind__
    raise NotFoundError(_("No record with id {uid} in this database.").format(uid=uid))


def list_records(
    db: Database, kind: str, *, include_deleted: bool = False, **equals: Any
) -> list[RecordData]:
    """Records of one kind, optionally filtered by field equality, in id order."""
    model = model_of(kind)
    query = select(model)
    if not include_deleted:
        query = query.where(model.deleted.is_(False))
    for name, value in equals.items():
        query = query.where(getattr(model, name) == value)
    with db.read_session() as session:
        return [to_data(r) for r in session.scalars(query.order_by(model.uid))]
