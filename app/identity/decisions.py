"""Offices' decisions about pairs of records, read together: who is one with whom.

Every office may decide about any pair (its decision is its own record). For
one pair the newest decision (highest version, of whichever office) stands.
"same" decisions join records into groups (one linked to two, two to three:
all three are one); each group is counted under its smallest uid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """One stored decision: ``verdict`` is "same" or "different"."""

    first_uid: str
    second_uid: str
    verdict: str
    version: str


@dataclass(frozen=True)
class DecidedPairs:
    """The standing decisions: each record's group representative, the pairs kept apart."""

    same_as: dict[str, str]
    different: frozenset[frozenset[str]]

    def canonical(self, uid: str) -> str:
        """The uid that stands for ``uid``'s group (itself when not linked)."""
        return self.same_as.get(uid, uid)


def _find(parent: dict[str, str], uid: str) -> str:
    while parent.get(uid, uid) != uid:
        parent[uid] = parent.get(parent[uid], parent[uid])  # halve the path
        uid = parent[uid]
    return uid


def standing_decisions(decisions: Iterable[Decision]) -> DecidedPairs:
    """The newest decision of each pair, then the groups of linked records."""
    newest: dict[frozenset[str], Decision] = {}
    for d in decisions:
        pair = frozenset((d.first_uid, d.second_uid))
        if pair not in newest or d.version > newest[pair].version:
            newest[pair] = d
    parent: dict[str, str] = {}
    for d in newest.values():
        if d.verdict != "same":
            continue
        a, b = _find(parent, d.first_uid), _find(parent, d.second_uid)
        if a != b:
            low, high = sorted((a, b))
            parent[high] = low
            parent.setdefault(low, low)
    same_as = {uid: _find(parent, uid) for uid in list(parent)}
    different = frozenset(p for p, d in newest.items() if d.verdict == "different")
    return DecidedPairs({u: c for u, c in same_as.items() if u != c}, different)
