"""Tables that belong to this database only and are never synced."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class LocalSite(Base):
    """Which site this database belongs to (one row, chosen at ``init``)."""

    __tablename__ = "local_site"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(3))
    office_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)


class ClockState(Base):
    """The hybrid logical clock of this site: last physical time and counter."""

    __tablename__ = "clock_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    physical_ms: Mapped[int] = mapped_column(Integer, default=0)
    counter: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """One change to one record: who (site), when, what, old and new values."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    site: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(40))
    record_uid: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, import, demo
    version: Mapped[str] = mapped_column(String(40))
    # JSON object {field: [old, new]} in canonical text form.
    changes: Mapped[str] = mapped_column(Text, default="{}")
    origin: Mapped[str | None] = mapped_column(String(200))


class PackageLog(Base):
    """A package exported or imported: when, with whom, how many records, outcome."""

    __tablename__ = "package_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    direction: Mapped[str] = mapped_column(String(10))  # export, import
    peer: Mapped[str] = mapped_column(String(3))
    package_id: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(500))
    records: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(20))  # written, applied, refused, dry-run
    detail: Mapped[str | None] = mapped_column(Text)


class PeerAck(Base):
    """What a peer has acknowledged holding: the newest version per owner site.

    Learnt from the ``received`` statement in the peer's packages; an export to
    that peer carries only records newer than this.
    """

    __tablename__ = "peer_ack"

    peer: Mapped[str] = mapped_column(String(3), primary_key=True)
    owner: Mapped[str] = mapped_column(String(3), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))


class SiteKey(Base):
    """A site's Ed25519 public key as this database knows it.

    ``source`` is ``own`` (this site's, private half in a file beside the
    database), ``pinned`` (confirmed by an officer), or ``registry`` (from the
    secretariat's signed registry, version ``registry_version``).
    """

    __tablename__ = "site_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(String(3), index=True)
    public_key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(10))
    registry_version: Mapped[int] = mapped_column(Integer, default=0)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LocalSetting(Base):
    """A setting of this database (backups kept, key registry version, ...)."""

    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PackageSent(Base):
    """A numbered package this office wrote: for which series (a peer or ALL), number, when.

    Each recipient series counts from 1; the numbers survive an undo (a number
    once written into a package is never given to another).
    """

    __tablename__ = "package_sent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    series: Mapped[str] = mapped_column(String(3), index=True)  # the recipient: a site or ALL
    number: Mapped[int] = mapped_column(Integer)
    package_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    records: Mapped[int] = mapped_column(Integer, default=0)


class PackageReceived(Base):
    """A numbered package that arrived here: sender, series, number, when, and its outcome.

    ``result`` is ``applied`` or ``refused``; ``outcome`` is the JSON statement
    per record kind (counts, and the reasons of what was refused) that this
    office's later packages and receipts send back to the sender. An undo takes
    the row back with the import, so the package can be imported again.
    """

    __tablename__ = "package_received"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender: Mapped[str] = mapped_column(String(3), index=True)
    series: Mapped[str] = mapped_column(String(3))  # the package's recipient: this site or ALL
    number: Mapped[int] = mapped_column(Integer)
    package_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    result: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str] = mapped_column(Text, default="{}")
