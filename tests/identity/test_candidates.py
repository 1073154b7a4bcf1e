"""Name keys across scripts, and which pairs are proposed as one person or organisation."""

from __future__ import annotations

from app.identity.candidates import (
    MAX_BLOCK,
    CandidateIndex,
    IdentityRecord,
    judge_organisations,
    judge_people,
)
from app.identity.name_keys import email_key, name_key, phone_key


def test_name_keys_set_case_accents_order_and_script_aside() -> None:
    assert name_key("Nguyễn Văn Minh") == name_key("NGUYEN Van Minh") == "minh nguyen van"
    assert name_key("王小明") == name_key("Wang Xiaoming") == name_key("Xiaoming WANG")
    assert name_key("Đặng Thị Hồng") == "dang hong thi"
    assert name_key("สมชาย ใจดี")  # Thai is spelt in Latin letters, not dropped
    assert name_key(None) == ""
    assert email_key("  Minh@MONRE.gov.vn ") == "minh@monre.gov.vn"
    assert phone_key("+84 (0)91 234 5678") == phone_key("0912345678") != ""
    assert phone_key("123") == ""


def person(uid: str, name: str, *, country: str = "VN", org: str = "monre", **kw) -> IdentityRecord:
    local = kw.pop("local", None)
    names = tuple(k for k in (name_key(name), name_key(local)) if k)
    return IdentityRecord(uid, name, names, country, name_key(org), **kw)


def _pairs(records, **kw) -> dict[frozenset[str], int]:
    found = CandidateIndex(records, judge_people).candidates(**kw)
    return {c.pair: c.score for c in found}


def test_same_name_across_scripts_in_one_organisation_is_proposed_with_evidence() -> None:
    a = person("a", "Nguyễn Văn Minh")
    b = person("b", "NGUYEN Van Minh")
    c = person("c", "Wang Xiaoming", country="CN", org="MEE")
    d = person("d", "Zhang San", local="王小明", country="CN", org="mee")
    found = CandidateIndex([a, b, c, d], judge_people).candidates()
    assert [c_.pair for c_ in found] == [frozenset("ab"), frozenset("cd")]
    codes = [e.code for e in found[0].evidence]
    assert codes == ["name", "country", "organisation"]
    assert found[0].score == 75  # names alike, same country and organisation, no contact


def test_two_different_nguyen_van_minh_are_not_proposed() -> None:
    """One name, one country, two ministries and nothing else in common: two people."""
    a = person("a", "Nguyễn Văn Minh", org="Ministry of Natural Resources")
    b = person("b", "Nguyen Van Minh", org="Ministry of Industry and Trade")
    assert _pairs([a, b]) == {}
    other_country = person(
        "c", "Nguyen Van Minh", country="LA", org="Ministry of Natural Resources"
    )
    assert _pairs([a, other_country]) == {}


def test_birth_years_tell_two_people_of_one_name_apart() -> None:
    """The issue's rule: similar names, the same country, and the same organisation or
    birth year. Different years rule a pair found by its name out."""
    monre, moit = "Ministry of Natural Resources", "Ministry of Industry and Trade"
    a = person("a", "Nguyễn Văn Minh", org=monre, birth_year=1975)
    b = person("b", "Nguyen Van Minh", org=moit, birth_year=1982)
    assert _pairs([a, b]) == {}
    same_year = person("c", "NGUYEN Van Minh", org=moit, birth_year=1975)
    found = CandidateIndex([a, same_year], judge_people).candidates()
    assert [c.pair for c in found] == [frozenset("ac")]
    assert [e.code for e in found[0].evidence] == ["name", "country", "birth_year"]
    # One organisation but born in different years: two people.
    other_year = person("d", "Nguyen Van Minh", org=monre, birth_year=1990)
    assert _pairs([a, other_year]) == {}
    # One organisation and one year counts more than one organisation alone.
    unknown = person("e", "Nguyen Van Minh", org=monre)
    both = person("f", "Nguyen Van Minh", org=monre, birth_year=1975)
    assert _pairs([a, both])[frozenset("af")] > _pairs([a, unknown])[frozenset("ae")]
    # An e-mail in common still proposes them, whatever their years.
    mail = {"email": "minh@monre.gov.vn"}
    assert set(
        _pairs(
            [
                person("g", "Minh", birth_year=1960, **mail),
                person("h", "N. V. Minh", birth_year=1961, **mail),
            ]
        )
    ) == {frozenset("gh")}


def test_same_email_or_phone_is_proposed_whatever_the_names() -> None:
    a = person("a", "Somchai Jaidee", country="TH", email="s.j@onep.go.th")
    b = person("b", "สมชาย ใจดี", country="TH", org="other", email="s.j@onep.go.th")
    c = person("c", "Sok Chan", country="KH", phone=phone_key("+855 12 345 678"))
    d = person("d", "សុខ ចាន់", country="KH", org="", phone=phone_key("012 345 678"))
    found = {c_.pair: c_ for c_ in CandidateIndex([a, b, c, d], judge_people).candidates()}
    assert set(found) == {frozenset("ab"), frozenset("cd")}
    assert [e.code for e in found[frozenset("ab")].evidence][0] == "email"
    assert [e.code for e in found[frozenset("cd")].evidence][0] == "phone"


def test_linked_and_distinct_pairs_are_not_proposed_again() -> None:
    a, b, c = (person(u, "Nguyen Van Minh") for u in "abc")
    assert set(_pairs([a, b, c])) == {frozenset("ab"), frozenset("ac"), frozenset("bc")}
    same = {"b": "a"}
    left = _pairs(
        [a, b, c], canonical=lambda u: same.get(u, u), decided=frozenset({frozenset("ac")})
    )
    assert set(left) == {frozenset("bc")}


def test_a_large_block_is_compared_with_neighbours_only() -> None:
    many = [
        person(f"p{i:04}", f"Nguyen Van Minh{i:04}", org=f"org{i}") for i in range(MAX_BLOCK * 5)
    ]
    index = CandidateIndex(many, judge_people)
    pairs = list(index._pairs())
    assert len(pairs) < len(many) * 40  # far below n²/2 = 20,000


def test_the_candidates_of_a_new_record() -> None:
    index = CandidateIndex(
        [person("a", "Nguyen Van Minh"), person("b", "Tran Thi Lan")], judge_people
    )
    found = index.candidates_of(person("new", "Minh NGUYỄN Văn"))
    assert [c.second.uid for c in found] == ["a"]


def test_organisation_copies_of_each_office_are_proposed() -> None:
    def org(uid: str, name: str, abbr: str = "", country: str | None = "KH") -> IdentityRecord:
        return IdentityRecord(uid, name, (name_key(name),), country, name_key(abbr))

    copies = [org("a", "Ministry of Environment", "MoE"), org("b", "ministry of environment")]
    copies += [org("c", "MoE Cambodia", "MOE"), org("d", "Ministry of Environment", country="LA")]
    found = CandidateIndex(copies, judge_organisations, by_group=True).candidates()
    assert {c.pair for c in found} == {frozenset("ab"), frozenset("ac")}
