"""Floors: how far this site holds an owner's records without a gap, where that is not "all".

A package states, per owner, the newest version its sender holds, and the
recipient sends next only what is newer. That is true only while a site holds
every record of an owner up to its newest one. An undo breaks it: the records
the undone import brought are gone, while the peer still counts them as
acknowledged, and the next newer record from that owner would carry the
statement past the gap for good. So an undo leaves a *floor* per owner it lost
records of (the newest version it still holds; "" when it holds none), and
packages state at most the floor until a package has *closed* the gap.

A database put back by hand (a backup copied over it, as for a damaged
file) has such gaps without an undo; a package shows them, because its
``since`` says more than we hold, and they are floored the same way.

A package closes the gap of an owner when it carries every record of that
owner above what we still hold: it is ``full``, or its sender based it on an
acknowledgement at or below our floor (the manifest's ``since``), and the
sender itself held that owner without a gap (its own ``received``). What a
sender with a gap relays raises our floor only as far as it held contiguously,
so a secretariat's undo is not passed on as complete to the other offices.

A package states what its sender held when it was made, so one made before
the secretariat heard of our undo (delivered late, or again once its import
was undone) may raise the floor of our own records but not drop it: the
secretariat may have received our records after making it, and our next own
record would state past them for good. The floor of our own records drops
only with a package whose receipt shows that one of our packages made after
the undo had arrived (``app.sync.receipts``).

Floors live in ``local_setting``, so a backup carries its own and an undo of
an undo stays right.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import RECORD_TYPES, LocalSetting
from app.models.codes import SECRETARIAT
from app.models.hlc import version_before
from app.store.local_settings import read_setting, write_setting
from app.sync.acks import received_vector
from app.sync.manifest import Manifest
from app.sync.receipts import statement_about
from app.sync.sequences import sent_packages
from app.sync.sync_record import SyncRecord

_PREFIX = "sync.floor."
# Per series: the last number we had sent in it when we last undid an import.
_SENT_AT_UNDO = "sync.undo_sent."


def floors(session: Session) -> dict[str, str]:
    """The owners this site holds with a gap, and how far it holds them without one."""
    rows = session.scalars(select(LocalSetting).where(LocalSetting.key.startswith(_PREFIX)))
    return {row.key.removeprefix(_PREFIX): row.value for row in rows}


def stated_vector(session: Session) -> dict[str, str]:
    """What this site's packages say it holds: the newest version per owner, capped by floors.

    An owner whose floor is "" (none of its records held without a gap) is left
    out, so the peer sends all of that owner's records again.
    """
    stated = received_vector(session)
    for owner, floor in floors(session).items():
        if not floor:
            stated.pop(owner, None)
        elif owner in stated:
            stated[owner] = min(stated[owner], floor)
    return stated


def can_be_sent_again(site: str, owner: str) -> bool:
    """Whether a peer may send ``owner``'s records to ``site`` (star topology, single writer).

    Nobody may send the secretariat its own records, so a floor there would
    never close; every other owner's records come again from the one peer
    that relays or owns them.
    """
    return not (site == SECRETARIAT and owner == SECRETARIAT)


def mark_floors_after_undo(session: Session, site: str, held_before: dict[str, str]) -> list[str]:
    """After a restore: a floor for every owner held further before the undo than now.

    ``held_before`` is the received vector of the database just before it was
    restored, and the numbers sent before it are back in the session. Returns
    the owners that will be asked for again.
    """
    now = stated_vector(session)
    asked = []
    for owner, version in sorted(held_before.items()):
        if version > now.get(owner, "") and can_be_sent_again(site, owner):
            _set_floor(session, owner, now.get(owner, ""))
            asked.append(owner)
    if site in asked:
        last: dict[str, int] = {}
        for sent in sent_packages(session):
            last[sent.series] = max(last.get(sent.series, 0), sent.number)
        for series, number in last.items():
            write_setting(session, _SENT_AT_UNDO + series, str(number))
    return asked


def _answers_undo(session: Session, site: str, manifest: Manifest) -> bool:
    """Whether the sender made ``manifest`` after one of our packages made since our undo arrived."""
    sent = read_setting(session, _SENT_AT_UNDO + manifest.sender)
    if sent is None:
        return True
    statement = statement_about(manifest, site)
    arrived = statement.arrived.get(manifest.sender, set()) if statement else set()
    return max(arrived, default=0) > int(sent)


def held_newest(session: Session, owner: str) -> str:
    """The newest version of ``owner``'s records held here ("" for none)."""
    newest = ""
    for model in RECORD_TYPES:
        table = model.__table__
        version = session.scalar(select(func.max(table.c.version)).where(table.c.owner == owner))
        if version is not None and version > newest:
            newest = version
    return newest


def _carried_newest(records: Iterable[SyncRecord]) -> dict[str, str]:
    """The newest version per owner among records."""
    newest: dict[str, str] = {}
    for record in records:
        if record.version > newest.get(record.owner, ""):
            newest[record.owner] = record.version
    return newest


def settle_floors(
    session: Session, site: str, manifest: Manifest, records: Iterable[SyncRecord]
) -> None:
    """Raise, set or drop floors for a package about to be applied (same transaction).

    Call before the records are applied: what we held before is part of the rule.
    """
    carried = _carried_newest(records)
    current = floors(session)
    sender_level = manifest.received
    # In the ordinary case nothing is floored and the sender held all it sent: nothing to do.
    owners = set(current) | {o for o, v in carried.items() if v > sender_level.get(o, "")}
    # The sender counts as delivered more than we hold: this database went back
    # without an undo (a backup put in its place by hand), so it has a gap too.
    owners |= {o for o, v in (manifest.since or {}).items() if v > held_newest(session, o)}
    for owner in sorted(owners):
        if not _may_carry(manifest.sender, owner) or not can_be_sent_again(site, owner):
            continue
        if owner == site and manifest.recipient != site:
            continue  # a package for ALL leaves our own records alone (app.sync.withheld)
        held = held_newest(session, owner)
        floored = owner in current
        level = current.get(owner, held)
        closes = _closes_gap(manifest, owner, level, floored=floored)
        if closes:
            level = max(level, sender_level.get(owner, ""))
        # Our own records above the floor are all here (we made them), and once
        # the secretariat has sent every one of ours it holds, no one has more.
        # A floor no package has closed stays even where nothing is held above
        # it: right after an undo the newest record held *is* the floor, and
        # what the undo took is still to come.
        top = max(held, carried.get(owner, ""))
        drops = (closes and owner == site) or (level >= top and (closes or not floored))
        if drops and (owner != site or _answers_undo(session, site, manifest)):
            _drop_floor(session, owner, site)
        else:
            _set_floor(session, owner, level)


def _may_carry(sender: str, owner: str) -> bool:
    return sender == SECRETARIAT or sender == owner


def _closes_gap(manifest: Manifest, owner: str, level: str, *, floored: bool) -> bool:
    """Whether the package carries every record of ``owner`` the sender holds above ``level``."""
    if manifest.full:
        return True
    if manifest.since is None:
        # A package from an older program states no base. Where we have no
        # gap it connects (our statements never went down without an undo);
        # where we have one, only a full package is known to fill it.
        return not floored
    return owner not in manifest.since or manifest.since[owner] <= level


def ask_again(session: Session, owner: str, version: str) -> None:
    """A record of ``owner`` at ``version`` was held back: state less, so it comes again.

    The floor goes just below that version (never up): every later package of
    the owner carries the record until one brings it in (``app.sync.locked_rows``).
    """
    below = version_before(version)
    current = floors(session).get(owner)
    if current is None or below < current:
        _set_floor(session, owner, below)


def _set_floor(session: Session, owner: str, version: str) -> None:
    write_setting(session, _PREFIX + owner, version)


def _drop_floor(session: Session, owner: str, site: str) -> None:
    session.execute(delete(LocalSetting).where(LocalSetting.key == _PREFIX + owner))
    if owner == site:  # our own records are all back: the undo is answered
        session.execute(delete(LocalSetting).where(LocalSetting.key.startswith(_SENT_AT_UNDO)))
