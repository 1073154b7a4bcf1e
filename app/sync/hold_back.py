"""Records held back from an import that is otherwise applied.

A record whose id is stored here under another office is never applied: only
the owner changes a record. For ids bound to their owner this cannot happen
with a genuine package (the id check refuses the squatter's package first).
For legacy ids (UUID 4, which name no owner) nothing tells which office is
genuine, so neither record is taken as the truth: the stored one stays, the
arriving one is held back with the records of the package that point at it,
the rest of the package is applied, and the officer is told. Refusing the
whole package instead would let one squatted legacy id stop every later
package of the genuine office, since each one carries the held-back record.
"""

from __future__ import annotations

from app.i18n import _
from app.models.codes import label_of
from app.sync.errors import Located
from app.sync.merge import Classified
from app.sync.package_reader import SheetContent
from app.sync.sync_record import SyncRecord


def hold_back(content: SheetContent, split: Classified, held: dict[str, set[str]]) -> list[Located]:
    """Take out of ``split`` what may not be applied; one note per record held back.

    ``held`` (kind -> uids held back so far, parents' kinds first) grows with
    this sheet's records.
    """
    mine = held.setdefault(content.kind, set())
    row_of = {r.uid: n for r, n in zip(content.records, content.rows, strict=True)}
    notes = []
    for record in split.foreign:
        mine.add(record.uid)
        notes.append(
            Located(
                _(
                    "the id {uid} is held here by a record of {holder}, so this record of "
                    "{owner} was not imported (the rest of the package was). Ask both offices "
                    "which one made it; the secretariat must settle it."
                ).format(
                    uid=record.uid,
                    holder=label_of("site", split.holders.get(record.uid)),
                    owner=label_of("site", record.owner),
                ),
                content.title,
                row_of.get(record.uid),
                kind=content.kind,
                uid=record.uid,
            )
        )
    split.foreign = []
    refs = [(i, c.spec.ref) for i, c in enumerate(content.columns) if c.spec.ref and i > 0]
    if refs and any(held.values()):
        for bucket in (split.new, split.updated):
            for record, target in _dependents(bucket, refs, held, mine):
                notes.append(
                    Located(
                        _(
                            "this record points at {uid}, which was not imported, so it was "
                            "not imported either"
                        ).format(uid=target),
                        content.title,
                        row_of.get(record.uid),
                        kind=content.kind,
                        uid=record.uid,
                    )
                )
    return notes


def _dependents(
    bucket: list[SyncRecord],
    refs: list[tuple[int, str]],
    held: dict[str, set[str]],
    mine: set[str],
) -> list[tuple[SyncRecord, str]]:
    """Remove from ``bucket`` the records pointing at held-back ones (to a fixed point).

    Each comes with the held-back id it points at.
    """
    out: list[tuple[SyncRecord, str]] = []
    changed = True
    while changed:
        changed = False
        keep = []
        for record in bucket:
            target = next((record[i] for i, kind in refs if record[i] in held.get(kind, ())), None)
            if target is None:
                keep.append(record)
                continue
            mine.add(record.uid)
            out.append((record, target))
            changed = True
        bucket[:] = keep
    return out
