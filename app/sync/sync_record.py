"""One record as a package carries it between the import's steps.

Its values are in ``value_specs(kind)`` order: the sync columns (uid, owner,
version, deleted), then the kind's fields. The record is a tuple, so a sheet
of them goes to the database with one ``executemany`` and costs no more
memory than plain tuples (a 300,000-record package holds every record until
it is applied); the sync columns have names, so no step relies on where they
stand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from app.sync.layout import SYNC_SPECS

_SYNC_NAMES = tuple(spec.name for spec in SYNC_SPECS)
assert _SYNC_NAMES == ("uid", "owner", "version", "deleted"), "SyncRecord names these positions"
FIRST_FIELD = len(SYNC_SPECS)  # where the kind's own fields begin
# Where the values an update may change begin: uid and owner never change, a version always.
CHANGEABLE_FROM = _SYNC_NAMES.index("deleted")


class SyncRecord(tuple[Any, ...]):
    """A record's values in sheet order, with its sync columns by name."""

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def uid(self) -> str: ...

        @property
        def owner(self) -> str: ...

        @property
        def version(self) -> str: ...

        @property
        def deleted(self) -> bool: ...

    else:  # C-level getters, as a NamedTuple has: the import reads them a million times
        uid = property(itemgetter(0), doc="The record's id.")
        owner = property(itemgetter(1), doc="The site that owns (and alone changes) it.")
        version = property(itemgetter(2), doc="Its hybrid logical clock version.")
        deleted = property(itemgetter(3), doc="Whether it is a tombstone.")

    @property
    def fields(self) -> tuple[Any, ...]:
        """The kind's own field values, after the sync columns."""
        return self[FIRST_FIELD:]


def as_sync_records(records: Iterable[Sequence[Any]]) -> list[SyncRecord]:
    """The records as ``SyncRecord``s; those that already are one are kept, not copied."""
    return [r if type(r) is SyncRecord else SyncRecord(r) for r in records]
