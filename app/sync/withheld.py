"""Contact details without consent reach the secretariat, never another country.

A country sends its own records, in full, to the secretariat only. When the
secretariat relays a record to an office that does not own it, the contact
fields of a person who has not consented to be contacted are written empty.
The package is signed over what it carries, so it verifies; the recipient
stores the owner's version with the fields empty and knows from the rule
alone that they are withheld (``contact_withheld``), never an edit. A later
version with consent carries them; one without consent empties them again.

The empty copy never flows back: a country sends only its own records, and
an office does not take its own records from a package for every office
(``ALL``), which withholds them from everyone (``keep_own_records``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.models import model_of
from app.models.codes import ALL, SECRETARIAT
from app.sync.layout import value_specs
from app.sync.merge import Classified


def contact_withheld(kind: str, site: str, owner: str, values: Mapping[str, Any]) -> bool:
    """True when ``site``'s copy of a record has its contact fields withheld by the relay."""
    model = model_of(kind)
    if not model.__contact_fields__ or site in (owner, SECRETARIAT):
        return False
    return not values.get(model.__consent_field__)


def contact_fields(kind: str) -> tuple[str, ...]:
    """The fields of a kind that travel onward only with consent."""
    return model_of(kind).__contact_fields__


def _positions(kind: str) -> tuple[int, list[int]]:
    model = model_of(kind)
    names = [s.name for s in value_specs(kind)]
    return names.index(model.__consent_field__), [names.index(n) for n in model.__contact_fields__]


def withhold_contacts(
    kind: str, sender: str, recipient: str, rows: Iterable[Sequence[Any]]
) -> Iterable[Sequence[Any]]:
    """Rows (in ``value_specs`` order) as they may go from ``sender`` to ``recipient``."""
    if sender != SECRETARIAT or not contact_fields(kind):
        return rows
    consent, contacts = _positions(kind)

    def as_sent(row: Sequence[Any]) -> Sequence[Any]:
        if row[1] == recipient or row[consent]:
            return row
        out = list(row)
        for index in contacts:
            out[index] = None
        return out

    return map(as_sent, rows)


def keep_own_records(site: str, sender: str, recipient: str, split: Classified) -> None:
    """Leave this office's own records alone when a package for every office carries them.

    Such a package withholds contact details from everyone, the owner too, so
    its copy of an own record may be incomplete; the owner gets its records
    back whole in a package addressed to it. Records it would have changed
    count as older (ignored).
    """
    if sender != SECRETARIAT or recipient != ALL:
        return
    new = [r for r in split.new if r.owner != site]
    updated = [r for r in split.updated if r.owner != site]
    split.older += len(split.new) - len(new) + len(split.updated) - len(updated)
    split.new, split.updated = new, updated
