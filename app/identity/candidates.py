"""Likely duplicates among person or organisation records, with a score and evidence.

Blocking keeps the check near n log n: records are compared only with those that
share a key (the same e-mail, the same phone, the same name words in one
country, the same consonants of the name words in one country; in the countries
of ``SOUND_SCRIPT_COUNTRIES``, the same sound key or one word of it). A key
shared by more than ``MAX_BLOCK`` records (a common name in a large country) is
compared in name order with its ``WINDOW`` nearest neighbours only (sorted
neighbourhood).

A pair is proposed when
- people: the same e-mail or phone; or names at least ``NAME_THRESHOLD``
  similar (rapidfuzz, word order aside) in the same country and with the same
  organisation (compared by the organisation's name key, so every office's copy
  of one partner agrees) or the same birth year. Two people with one name in
  different organisations and not born the same year are not proposed: nothing
  but the name says they are one; different birth years rule a pair found by
  its name out (an e-mail or phone in common still proposes it).
  A name in Thai, Lao, Khmer or Burmese script is also compared with the other
  record's names by their sound keys (``app.identity.name_keys.sound_key``): the
  letter-by-letter spelling of these scripts is far from a chosen Latin one.
- organisations: names at least ``NAME_THRESHOLD`` similar, or the same
  abbreviation, in the same country.
Pairs already linked (the same ``canonical``) or marked different are left out.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from app.identity.name_keys import sound_key

MAX_BLOCK = 16
# Where names are written in Thai, Lao, Khmer or Burmese script: their people are
# blocked by sound keys too, so a Latin spelling meets its record in the script.
SOUND_SCRIPT_COUNTRIES = frozenset({"TH", "LA", "KH", "MM"})
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
    birth_year: int | None = None
    # Sound keys of the names written in Thai, Lao, Khmer or Burmese script.
    script_sounds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """One reason to think two records are one: ``code`` is one of EVIDENCE_CODES."""

    code: str
    detail: str


EVIDENCE_CODES = (
    "email",
    "phone",
    "name",
    "country",
    "organisation",
    "birth_year",
    "abbreviation",
)


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
    if r.script_sounds or place in SOUND_SCRIPT_COUNTRIES:
        for sound in {sound_key(n) for n in r.names}:
            yield ("sound", place, sound.replace(" ", ""))
            for word in sound.split():
                if len(word) > 1:  # one letter says too little to make a block
                    yield ("sound word", place, word)


def _similarity(x: str, y: str) -> float:
    return max(fuzz.token_sort_ratio(x, y), fuzz.ratio(x.replace(" ", ""), y.replace(" ", "")))


def name_similarity(a: IdentityRecord, b: IdentityRecord) -> float:
    """The best similarity (0–100) of any name of ``a`` with any name of ``b``; a name in
    Thai, Lao, Khmer or Burmese script compared by its sound key too."""
    best = 0.0
    for x in a.names:
        for y in b.names:
            best = max(best, _similarity(x, y))
    for one, other in ((a, b), (b, a)):
        for x in one.script_sounds:
            for y in other.names:
                best = max(best, _similarity(x, sound_key(y)))
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
    if a.birth_year is not None and a.birth_year == b.birth_year:
        found.append(Evidence("birth_year", str(a.birth_year)))
    return found


_SUPPORT = frozenset({"country", "organisation", "birth_year"})


def judge_people(a: IdentityRecord, b: IdentityRecord) -> Candidate | None:
    """The pair as a candidate, or None when the evidence is not enough."""
    contact = bool(a.email and a.email == b.email) or bool(a.phone and a.phone == b.phone)
    if not contact:
        if a.country != b.country:
            return None  # names alone never make a pair: skip the similarity
        if a.birth_year is not None and b.birth_year is not None:
            if a.birth_year != b.birth_year:
                return None  # born in different years: two people of one name
        elif not (a.group and a.group == b.group):
            return None
    similar = name_similarity(a, b)
    found = _person_evidence(a, b, similar)
    codes = {e.code for e in found}
    if not contact and "name" not in codes:
        return None
    score = 0.6 * similar + (25 if contact else 0) + 7.5 * len(codes & _SUPPORT)
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
_OrderKey = tuple[str, str, int, str]


def _order(r: IdentityRecord) -> _OrderKey:
    """Name order within a large block; one organisation's and one year's people together,
    so that the nearest neighbours of a common name are the likeliest to be one."""
    return (r.names[0] if r.names else "", r.group, r.birth_year or 0, r.uid)


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
        self._ordered: dict[tuple[str, ...], tuple[list[IdentityRecord], list[_OrderKey]]] = {}
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
            ordered = sorted(block, key=_order)
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

    def _neighbours(self, key: tuple[str, ...], record: IdentityRecord) -> list[IdentityRecord]:
        """The ``WINDOW`` records of a large block on each side of ``record``, in name order."""
        if key not in self._ordered:
            ordered = sorted(self.blocks[key], key=_order)
            self._ordered[key] = (ordered, [_order(r) for r in ordered])
        ordered, keys = self._ordered[key]
        at = bisect_left(keys, _order(record))
        return ordered[max(0, at - WINDOW) : at + WINDOW]

    def candidates_of(
        self, record: IdentityRecord, *, neighbours_only: bool = False
    ) -> list[Candidate]:
        """The records ``record`` is likely one with (it need not be in the index).

        ``neighbours_only``: in a block larger than ``MAX_BLOCK``, only the records
        nearest in name order (as ``candidates`` compares them), for checking many
        records at once; else the whole block (one person being entered).
        """
        others: dict[str, IdentityRecord] = {}
        for key in set(_keys(record, self.by_group)):
            block = self.blocks.get(key, [])
            if neighbours_only and len(block) > MAX_BLOCK:
                block = self._neighbours(key, record)
            others.update((o.uid, o) for o in block)
        others.pop(record.uid, None)
        found = [c for o in others.values() if (c := self.judge(record, o)) is not None]
        return sorted(found, key=lambda c: -c.score)
