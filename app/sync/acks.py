"""Acknowledgements: what this site holds, and what each peer said it holds.

Every package states its sender's "received" vector (the newest version per
owner site it holds). The recipient stores it as that peer's acknowledgement
and, next time, sends only what is newer. The stored vector is replaced, not
merged, so a peer that restored an old backup says it holds less and gets
its lost records again; an older package arriving late does not roll the
acknowledgement back (its creation time is older than the stored one).

The creation time is the sender's wall clock, which may be wrong: a package
"made in 2099" would make every later one look older, and the statement of
an office that undid an import would then be ignored for good. So no package
counts as made after it arrived here.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import RECORD_TYPES, PeerAck
from app.models.utc import utc_now_seconds
from app.store.local_settings import read_setting, write_setting

_ACK_AT = "sync.ack_created.{peer}"
# The number of that package in the peer's series to us (absent from older packages).
_ACK_NUMBER = "sync.ack_number.{peer}"


def received_vector(session: Session) -> dict[str, str]:
    """The newest version this database holds, per owner site."""
    newest: dict[str, str] = {}
    for model in RECORD_TYPES:
        table = model.__table__
        for owner, version in session.execute(
            select(table.c.owner, func.max(table.c.version)).group_by(table.c.owner)
        ):
            if version is not None and version > newest.get(owner, ""):
                newest[owner] = version
    return newest


def peer_acks(session: Session, peer: str) -> dict[str, str]:
    """What ``peer`` has acknowledged holding, per owner site."""
    return {
        ack.owner: ack.version
        for ack in session.scalars(select(PeerAck).where(PeerAck.peer == peer))
    }


def store_peer_acks(
    session: Session,
    peer: str,
    vector: dict[str, str],
    created: str,
    sequence: int | None = None,
) -> bool:
    """Replace ``peer``'s acknowledgement with ``vector`` unless a newer one is stored.

    Newer is told by the package's number in ``peer``'s series to us when both
    packages carry one (``sequence``: packages made in the same second are still
    told apart), else by the time the package was made. Returns True when stored.
    """
    now = utc_now_seconds().isoformat()
    created = min(created, now)
    key, number_key = _ACK_AT.format(peer=peer), _ACK_NUMBER.format(peer=peer)
    stored = read_setting(session, key)
    stored_number = read_setting(session, number_key)
    if sequence is not None and stored_number is not None and stored_number.isdigit():
        if int(stored_number) > sequence:
            return False
    # A stored time ahead of now came from a wrong clock (kept by an older version).
    elif stored is not None and now >= stored > created:
        return False
    session.execute(delete(PeerAck).where(PeerAck.peer == peer))
    for owner, version in vector.items():
        session.add(PeerAck(peer=peer, owner=owner, version=version))
    write_setting(session, key, created)
    if sequence is not None:
        write_setting(session, number_key, str(sequence))
    return True
