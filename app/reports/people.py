"""Who is the same person: every head count in the reports goes through here.

Today each person record is one person. When offices start linking records
("these two people are the same person", records of their own), this is the
one place that must learn to read those links: counts of distinct people
then count a linked person once everywhere.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


class PersonIdentity:
    """Maps a person record's uid to the uid that stands for that person."""

    def __init__(self, same_as: dict[str, str] | None = None) -> None:
        self._same_as = dict(same_as or {})

    def canonical_person(self, uid: str) -> str:
        """The uid every record of this person is counted under."""
        seen = {uid}
        while uid in self._same_as:
            uid = self._same_as[uid]
            if uid in seen:  # a cycle of links: stop at a stable member
                return min(seen)
            seen.add(uid)
        return uid

    def distinct(self, uids: list[str] | set[str]) -> set[str]:
        """The distinct people among some person uids."""
        return {self.canonical_person(u) for u in uids}


def load_person_identity(session: Session) -> PersonIdentity:
    """The identity map of this database (no person links are recorded yet)."""
    del session  # links between person records come with the duplicates feature
    return PersonIdentity()
