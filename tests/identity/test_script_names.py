"""Names in Thai, Lao, Khmer and Burmese script against their Latin spelling.

anyascii spells these scripts letter by letter, far from the spelling people
choose; their sound keys (app.identity.name_keys.sound_key) bring many of them
together. The pairs below are real names as their owners spell them in Latin.
"""

from __future__ import annotations

import pytest

from app.identity.candidates import CandidateIndex, judge_people
from app.identity.name_keys import name_key, sound_key
from app.services.duplicates import person_record

FOUND = [
    ("TH", "สมชาย ใจดี", "Somchai Jaidee"),
    ("TH", "สมศักดิ์ ทองดี", "Somsak Thongdee"),
    ("TH", "วิชัย ศรีสุข", "Wichai Srisuk"),
    ("TH", "สุดารัตน์ แก้วมณี", "Sudarat Kaewmanee"),
    ("KH", "សុខ ដារ៉ា", "Sok Dara"),
    ("KH", "ចាន់ សុភា", "Chan Sophea"),
    ("KH", "ហេង សំរិន", "Heng Samrin"),
    ("KH", "ស៊ុន ចាន់ថុល", "Sun Chanthol"),
    ("LA", "ສົມພອນ ແກ້ວມະນີ", "Somphone Keomany"),
    ("LA", "ທອງລຸນ ສີສຸລິດ", "Thongloun Sisoulith"),
    ("LA", "ສອນໄຊ ສີພັນດອນ", "Sonexay Siphandone"),
]
# Not found by name (documented in name_keys.py): Burmese, and Thai royal transcription.
NOT_FOUND = [
    ("MM", "အောင်ဆန်းစုကြည်", "Aung San Suu Kyi"),
    ("MM", "ဝင်းမြင့်", "Win Myint"),
    ("TH", "ประยุทธ์ จันทร์โอชา", "Prayut Chan-o-cha"),
]


def _person(uid: str, name: str, country: str, org: str = "Ministry of Environment", **kw):
    return person_record(uid, name, None, country, org, kw.get("email"), None, kw.get("year"))


def _pairs(records) -> set[frozenset[str]]:
    return {c.pair for c in CandidateIndex(records, judge_people).candidates()}


def test_thai_leading_vowels_are_spelt_after_their_consonant() -> None:
    assert name_key("สมชาย ใจดี") == "chaidi smchay"  # ใจ is "chai", not "aich"
    assert sound_key(name_key("สมชาย ใจดี")) == sound_key(name_key("Somchai Jaidee"))


@pytest.mark.parametrize(("country", "script", "latin"), FOUND)
def test_a_name_in_its_script_meets_its_latin_spelling(country, script, latin) -> None:
    found = CandidateIndex(
        [_person("s", script, country), _person("l", latin, country)], judge_people
    ).candidates()
    assert [c.pair for c in found] == [frozenset("sl")]
    assert [e.code for e in found[0].evidence] == ["name", "country", "organisation"]


def test_every_script_name_finds_only_its_own_latin_spelling() -> None:
    """All the names of one ministry together: each pair, and no pair of two people."""
    records = []
    for n, (country, script, latin) in enumerate(FOUND + NOT_FOUND):
        records += [_person(f"s{n}", script, country), _person(f"l{n}", latin, country)]
    expected = {frozenset((f"s{n}", f"l{n}")) for n in range(len(FOUND))}
    assert _pairs(records) == expected


@pytest.mark.parametrize(
    ("country", "script", "other"),
    [
        ("TH", "สมชาย ใจดี", "Somsak Jaidee"),  # one family, two given names
        ("TH", "สมชาย ใจดี", "Somchai Thongdee"),
        ("KH", "សុខ ដារ៉ា", "Sok Dina"),
        ("KH", "សុខ ដារ៉ា", "Chan Dara"),
        ("LA", "ສົມພອນ ແກ້ວມະນີ", "Somphet Keomany"),
    ],
)
def test_different_people_of_one_ministry_are_not_proposed(country, script, other) -> None:
    assert _pairs([_person("s", script, country), _person("l", other, country)]) == set()


def test_a_script_name_and_its_latin_spelling_of_two_ministries_are_not_proposed() -> None:
    a = _person("a", "សុខ ដារ៉ា", "KH", "Ministry of Environment")
    b = _person("b", "Sok Dara", "KH", "Ministry of Agriculture")
    assert _pairs([a, b]) == set()
    # ... unless they were born the same year.
    a = _person("a", "សុខ ដារ៉ា", "KH", "Ministry of Environment", year=1979)
    b = _person("b", "Sok Dara", "KH", "Ministry of Agriculture", year=1979)
    assert _pairs([a, b]) == {frozenset("ab")}
