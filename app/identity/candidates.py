"""Likely duplicates among person or organisation records, with a score and evidence.

Blocking keeps the check near n log n: records are compared only with those that
share a key (the same e-mail, the same phone, the same name words in one
country, the same consonants of the name words in one country). A key shared by more than ``MAX_BLOCK`` records
(a common name in a large country) is compared in name order with its
``WINDOW`` nearest neighbours only (sorted neighbourhood).

A pair is proposed when
- people: the same e-mail or phone; or names at least ``NAME_THRESHOLD``
  similar (rapidfuzz, word order aside) in the same country and the same
  organisation (compared by the organisation's name key, so every office's copy
  of one partner agrees). Two people with one name in different organisations
  are not proposed: nothing but the name says they are one.
- organisations: names at least ``NAME_THRESHOLD`` similar, or the same
  abbreviation, in the same country.
Pairs already linked (the same ``canonical``) or marked different are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

MAX_BLOCK = 16
WINDOW = 4
NAME_THRESHOLD = 88
_VOWELS = str.maketrans("", "", "aeiouy ")


@dataclass(frozen=True)
class IdentityRecord:
    """What the check needs of one person or organisation record (keys already made)."""

    uid: str
    label: str  # the name as entered, to show
    names: tuple[str, ...]  # name keys (app.identity.name_keys.name_key), none empty
    country: str | None
    group: str = ""  # a person's organisation key; an organisation's abbreviation key
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Evidence:
    """One reason to think two records are one: ``code`` is one of EVIDENCE_CODES."""

    code: str
    detail: str


EVIDENCE_CODES = ("email", "phone", "name", "country", "organisation", "abbreviation")


@dataclass(frozen=True)
class Candidate:
    """Two records that are likely one, how likely (0–100) and why."""

    first: IdentityRecord
    second: IdentityRecord
    score: int
    evidence: tuple[Evidence, ...]

    @property
    def pair(self) -> frozenset[str]:
        """The two uids, in no order."""
        return frozenset((self.first.uid, self.second.uid))


def _keys(r: IdentityRecord, by_group: bool) -> Iterator[tuple[str, ...]]:
    if by_group and r.group:
        yield ("group", r.country or "", r.group)
    if r.email:
        yield ("email", r.email)
    if r.phone:
        yield ("phone", r.phone)
    place = r.country or ""
    for name in r.names:
        words = name.split()
        yield ("words", place, "".join(words))
        yield ("consonants", place, "".join(words).translate(_VOWELS))


def name_similarity(a: IdentityRecord, b: IdentityRecord) -> float:
    """The best similarity (0–100) of any name of ``a`` with any name of ``b``."""
    best = 0.0
    for x in a.names:
        for y in b.names:
            joined = fuzz.ratio(x.replace(" ", ""), y.replace(" ", ""))
            best = max(best, fuzz.token_sort_ratio(x, y), joined)
    return best


def _person_evidence(a: IdentityRecord, b: IdentityRecord, similar: float) -> list[Evidence]:
    found = []
    if a.email and a.email == b.email:
        found.append(Evidence("email", a.email))
    if a.phone and a.phone == b.phone:
        found.append(Evidence("phone", a.phone))
    if similar >= NAME_THRESHOLD:
        found.append(Evidence("name", f"{a.label} / {b.label}"))
    if a.country and a.country == b.country:
        found.append(Evidence("country", a.country))
    if a.group and a.group == b.group:
        found.append(Evidence("organisation", a.group))
    return found


def judge_people(a: IdentityRecord, b: IdentityRecord) -> Candidate | None:
    """The pair as a candidate, or None when the evidence is not enough."""
    contact = bool(a.email and a.email == b.email) or bool(a.phone and a.phone == b.phone)
    if not contact and not (a.country == b.country and a.group and a.group == b.group):
        return None  # names alone never make a pair: skip the similarity
    similar = name_similarity(a, b)
    found = _person_evidence(a, b, similar)
    codes = {e.code for e in found}
    if not contact and not {"name", "country", "organisation"} <= codes:
        return None
    score = 0.6 * similar + (25 if contact else 0) + 7.5 * len(codes & {"country", "organisation"})
    return Candidate(a, b, min(100, round(score)), tuple(found))


def judge_organisations(a: IdentityRecord, b: IdentityRecord) -> Candidate | None:
    """The pair of organisations as a candidate, or None."""
    if a.country != b.country:
        return None
    similar = name_similarity(a, b)
    found = []
    if similar >= NAME_THRESHOLD:
        found.append(Evidence("name", f"{a.label} / {b.label}"))
    if a.group and a.group == b.group:
        found.append(Evidence("abbreviation", a.group))
    if not found:
        return None
    if a.country:
        found.append(Evidence("country", a.country))
    score = 0.8 * similar + (20 if a.group and a.group == b.group else 0)
    return Candidate(a, b, min(100, round(score)), tuple(found))


Judge = Callable[[IdentityRecord, IdentityRecord], Candidate | None]


class CandidateIndex:
    """Records by blocking key: every candidate pair, or the candidates of one record."""

    def __init__(
        self, records: Iterable[IdentityRecord], judge: Judge, *, by_group: bool = False
    ) -> None:
        """``by_group``: records with the same ``group`` in a country share a block too
        (organisations by abbreviation; never people by organisation, too large)."""
        self.judge = judge
        self.by_group = by_group
        self.blocks: dict[tuple[str, ...], list[IdentityRecord]] = defaultdict(list)
        for r in records:
            for key in set(_keys(r, by_group)):
                self.blocks[key].append(r)

    def _pairs(self) -> Iterator[tuple[IdentityRecord, IdentityRecord]]:
        for block in self.blocks.values():
            if len(block) < 2:
                continue
            if len(block) <= MAX_BLOCK:
                for i, a in enumerate(block):
                    for b in block[i + 1 :]:
                        yield a, b
                continue
            ordered = sorted(block, key=lambda r: (r.names[0] if r.names else "", r.uid))
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 : i + 1 + WINDOW]:
                    yield a, b

    def candidates(
        self,
        canonical: Callable[[str], str] = str,
        decided: frozenset[frozenset[str]] = frozenset(),
    ) -> list[Candidate]:
        """Every open candidate pair, best first."""
        seen: set[tuple[str, str]] = set()
        found = []
        for a, b in self._pairs():
            if b.uid < a.uid:
                a, b = b, a
            key = (a.uid, b.uid)
            if key in seen:
                continue
            seen.add(key)
            candidate = self.judge(a, b)
            if candidate is None or candidate.pair in decided:
                continue
            if canonical(a.uid) != canonical(b.uid):
                found.append(candidate)
        return sorted(found, key=lambda c: (-c.score, c.first.label, c.first.uid, c.second.uid))

    def candidates_of(self, record: IdentityRecord) -> list[Candidate]:
        """The records ``record`` is likely one with (it need not be in the index)."""
        others = {
            o.uid: o for key in set(_keys(record, self.by_group)) for o in self.blocks.get(key, [])
        }
        others.pop(record.uid, None)
        found = [c for o in others.values() if (c := self.judge(record, o)) is not None]
        return sorted(found, key=lambda c: -c.score)
