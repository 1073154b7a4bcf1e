"""Records owed to a peer: they arrived here after the peer said it held more.

An acknowledgement is the newest version per owner, so it covers every
record of that owner up to it. Two arrivals break that:

- a record older than one of its owner's this site already held (its office
  undid an import, sent newer records, and the package made before the undo
  came in late): every peer may acknowledge past it without holding it;
- a record from a package older than the sender's stored statement (which
  is not stored, ``app.sync.acks``): the sender said it held more after it
  made the package, perhaps after an undo took the record.

So the peer is *owed* that owner's records from just below the lowest such
one: the next packages to it carry them whatever it states, until its
receipt shows that one of those packages arrived there. Kept in
``local_setting``, so a backup and an undo carry their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import LocalSetting, PeerAck
from app.models.hlc import version_before
from app.store.local_settings import read_setting, write_setting
from app.sync.acks import peer_acks
from app.sync.floors import held_newest
from app.sync.receipts import stored_statement
from app.sync.sequences import next_number

if TYPE_CHECKING:  # only a type here: counting what is owed reads no workbook
    from app.sync.package_reader import SheetContent

_KEY = "sync.owed."  # + peer: {"from": first package number that carries them, "below": {...}}


def _owed(session: Session, peer: str) -> tuple[int, dict[str, str]]:
    text = read_setting(session, _KEY + peer)
    if text is None:
        return 0, {}
    data = json.loads(text)
    return int(data["from"]), dict(data["below"])


def held_before_import(session: Session, contents: Iterable[SheetContent]) -> dict[str, str]:
    """The newest version held here of every owner a package carries records of."""
    owners = {record.owner for content in contents for record in content.records}
    return {owner: held_newest(session, owner) for owner in owners}


def acks_to_send_on(session: Session, peer: str) -> dict[str, str]:
    """``peer``'s acknowledgement, lowered below the records it is owed."""
    acks = peer_acks(session, peer)
    for owner, below in _owed(session, peer)[1].items():
        if owner in acks:
            acks[owner] = min(acks[owner], below)
    return acks


def note_owed(
    session: Session,
    sender: str,
    statement_stored: bool,
    held_before: dict[str, str],
    applied_lowest: dict[str, str],
) -> None:
    """After applying a package: owe its records to the peers that may not hold them.

    ``held_before`` is the newest version per owner held before the import,
    ``applied_lowest`` the lowest version per owner the import added or changed.
    """
    late = {o: v for o, v in applied_lowest.items() if v < held_before.get(o, "")}
    peers = set(session.scalars(select(PeerAck.peer).distinct()))
    for peer in sorted(peers | {sender}):
        owners = dict(late)
        if peer == sender:
            owners = {} if statement_stored else dict(applied_lowest)
        if owners:
            _owe(session, peer, owners)


def _owe(session: Session, peer: str, lowest: dict[str, str]) -> None:
    _first, below = _owed(session, peer)
    for owner, version in lowest.items():
        below[owner] = min(below.get(owner, version_before(version)), version_before(version))
    # Only packages made from now on carry them all.
    data = {"from": next_number(session, peer), "below": dict(sorted(below.items()))}
    write_setting(session, _KEY + peer, json.dumps(data))


def settle_owed(session: Session, peer: str) -> None:
    """Forget what ``peer`` was owed once its receipt shows a package that carried it arrived."""
    first, below = _owed(session, peer)
    if not below:
        return
    statement = stored_statement(session, peer)
    arrived = statement.arrived.get(peer, set()) if statement else set()
    if max(arrived, default=0) >= first:
        session.execute(delete(LocalSetting).where(LocalSetting.key == _KEY + peer))
