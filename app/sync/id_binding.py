"""Owner scope of record ids: a record's id must not be bound to another office.

New ids name their owner (``app.models.record_ids``), so an office cannot
send a record of its own under an id another office made: such a record is
refused with the package (it can only come from a forged or altered package),
and the genuine record is never blocked by it.
"""

from __future__ import annotations

from app.i18n import _
from app.models.codes import SECRETARIAT, label_of
from app.models.record_ids import UnboundUid, uid_owner
from app.sync.errors import Located
from app.sync.package_reader import SheetContent
from app.sync.preview import ImportPreview


def _mismatch(uid: str, owner: str, sender: str) -> str | None:
    """Why ``uid`` may not be the id of a record owned by ``owner``; None when it may."""
    try:
        bound = uid_owner(uid)
    except UnboundUid:
        return _(
            "this record's id {uid} names no office, and every id this program makes names "
            "its office; this package may have been tampered with"
        ).format(uid=uid)
    if bound is None or bound == owner:
        return None
    if sender != SECRETARIAT:
        return _(
            "this record's id belongs to the office of {office}, but the package comes from "
            "{sender}; this package may have been tampered with: keep the file and ask "
            "{sender} about it"
        ).format(office=label_of("site", bound), sender=label_of("site", sender))
    return _(
        "this record's id belongs to the office of {office}, but the record says it belongs "
        "to {owner}; this package may have been tampered with: tell the secretariat"
    ).format(office=label_of("site", bound), owner=label_of("site", owner))


def check_id_binding(content: SheetContent, sender: str, preview: ImportPreview) -> int:
    """Report every record whose id is bound to another office than its owner; return how many."""
    letter = content.letters.get("uid", "A")
    column = f"{letter} ({_('Record id')})"
    bad = 0
    for record, number in zip(content.records, content.rows, strict=True):
        message = _mismatch(record.uid, record.owner, sender)
        if message is not None:
            bad += 1
            preview.add_problem(Located(message, content.title, number, column))
    return bad
