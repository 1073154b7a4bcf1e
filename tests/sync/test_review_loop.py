"""The review loop through real packages: submit, return, correct, resubmit, accept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from app.errors import ReadOnlyError, ValidationError
from app.models import PackageLog
from app.models.codes import COUNTRY_CODES
from app.models.review import review_uid
from app.models.utc import utc_now
from app.services.completeness import completeness_rows
from app.services.locks import grant_exception, lock_year, unlock_year
from app.services.records import create_record, get_record, update_record
from app.services.review import (
    ReviewCounts,
    ReviewFilters,
    returned_to_this_office,
    review_counts,
    review_of,
    review_queue,
)
from app.services.review_verdicts import accept_records, return_records
from tests.sync.conftest import add_sample_records, send


def test_a_returned_record_goes_back_corrected_and_is_accepted(vn, sec, tmp_path: Path) -> None:
    records = add_sample_records(vn)
    activity, person = records["activity"].uid, records["person"].uid
    send(vn, sec, tmp_path / "1-vn.xlsx")
    queue = review_queue(sec, ReviewFilters(country="VN"))
    assert {r.uid for r in queue} >= {activity, person}
    assert {r.state for r in queue} == {"submitted"}
    assert review_of(sec, activity).year == 2012

    result = return_records(sec, [activity, person], "  The dates are those of 2011. ")
    assert (result.changed, result.unchanged) == (2, 0)
    assert review_of(sec, activity).state == "returned"
    send(sec, vn, tmp_path / "2-sec.xlsx")

    returned = returned_to_this_office(vn)
    assert {(r.uid, r.state, r.reason) for r in returned} == {
        (activity, "returned", "The dates are those of 2011."),
        (person, "returned", "The dates are those of 2011."),
    }
    update_record(vn, "activity", activity, {"title": "Training on EIA, dates corrected"})
    assert review_of(vn, activity).state == "resubmitted"  # no one had to say so
    assert [r.uid for r in returned_to_this_office(vn)] == [person]
    send(vn, sec, tmp_path / "3-vn.xlsx")

    assert review_of(sec, activity).state == "resubmitted"
    assert review_of(sec, person).state == "returned"
    resubmitted = review_queue(sec, ReviewFilters(state="resubmitted"))
    assert [r.uid for r in resubmitted] == [activity]
    assert accept_records(sec, [activity]).changed == 1
    assert review_of(sec, activity).state == "accepted"
    assert review_of(sec, activity).reason is None
    send(sec, vn, tmp_path / "4-sec.xlsx")
    assert review_of(vn, activity).state == "accepted"
    # One review per record, changed in place: the country holds exactly one.
    assert get_record(vn, "review", review_uid(activity))["verdict"] == "accepted"


def test_a_country_office_cannot_review(vn) -> None:
    org = create_record(vn, "organisation", {"name": "Own", "type": "ngo"})
    with pytest.raises(ReadOnlyError, match="Only the joint secretariat reviews records"):
        accept_records(vn, [org.uid])
    with pytest.raises(ReadOnlyError, match="kept by the joint secretariat"):
        create_record(
            vn,
            "review",
            {
                "record_uid": org.uid,
                "record_kind": "organisation",
                "record_version": org.version,
                "verdict": "accepted",
            },
        )


def test_nothing_is_reviewed_when_one_record_cannot_be(vn, sec, tmp_path: Path) -> None:
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    own = create_record(sec, "organisation", {"name": "Secretariat's", "type": "ngo"})
    with pytest.raises(ValidationError) as refused:
        accept_records(sec, [records["activity"].uid, own.uid, "no-such-id"])
    assert [p.field for p in refused.value.problems] == [own.uid, "no-such-id"]
    assert "secretariat's own record" in refused.value.problems[0].message
    assert review_of(sec, records["activity"].uid).state == "submitted"


def test_a_return_needs_a_reason_and_a_second_verdict_alike_changes_nothing(
    vn, sec, tmp_path: Path
) -> None:
    uid = add_sample_records(vn)["funding"].uid
    send(vn, sec, tmp_path / "vn.xlsx")
    with pytest.raises(ValidationError, match="say why"):
        return_records(sec, [uid], "   ")
    with pytest.raises(ValidationError):
        return_records(sec, [uid], "x" * 501)
    assert return_records(sec, [uid, uid], "Amount").changed == 1
    version = get_record(sec, "review", review_uid(uid)).version
    assert return_records(sec, [uid], "Amount").unchanged == 1
    assert get_record(sec, "review", review_uid(uid)).version == version


def test_the_queue_filters_by_kind_year_and_state(vn, sec, tmp_path: Path) -> None:
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    funding = review_queue(sec, ReviewFilters(kind="funding", year=2012))
    assert [(r.uid, r.title, r.country) for r in funding] == [
        (records["funding"].uid, "Training on EIA", "VN")
    ]
    assert review_queue(sec, ReviewFilters(kind="funding", year=2011)) == []
    assert review_queue(sec, ReviewFilters(state="accepted")) == []
    with pytest.raises(Exception, match="Unknown review state"):
        review_queue(sec, ReviewFilters(state="lost"))


def test_the_completeness_table_counts_per_country_and_year(vn, kh, sec, tmp_path: Path) -> None:
    vn_records = add_sample_records(vn)
    add_sample_records(kh, " KH")
    send(vn, sec, tmp_path / "vn.xlsx")
    rows = {(r.country, r.year): r for r in completeness_rows(sec)}
    # Viet Nam's two rows, and one for every office that has sent nothing yet.
    assert set(rows) == {("VN", 2012)} | {(c, None) for c in COUNTRY_CODES}
    silent = rows[("KH", None)]
    assert (silent.submitted, silent.last_package, silent.stale) == (0, None, True)
    assert rows[("VN", 2012)].submitted == 2  # the activity and its funding
    assert rows[("VN", None)].submitted == 2  # the person and the organisation
    assert rows[("VN", 2012)].last_package is not None
    assert not rows[("VN", 2012)].stale
    accept_records(sec, [vn_records["activity"].uid])
    return_records(sec, [vn_records["funding"].uid], "No receipt")
    row = next(r for r in completeness_rows(sec) if (r.country, r.year) == ("VN", 2012))
    assert (row.submitted, row.accepted, row.returned, row.resubmitted) == (2, 1, 1, 0)


def test_the_completeness_table_says_which_years_are_locked(vn, sec, tmp_path: Path) -> None:
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")

    def row(year: int | None) -> Any:
        return next(r for r in completeness_rows(sec) if (r.country, r.year) == ("VN", year))

    assert not row(2012).locked and row(2012).locked_records == 0
    lock_year(sec, "VN", 2012)
    grant_exception(sec, records["funding"].uid)
    locked = row(2012)
    assert (locked.locked, locked.exceptions, locked.locked_records) == (True, 1, 1)
    assert not row(None).locked  # people and organisations have no year to lock
    lock_year(sec, "VN", 2010)  # a locked year without records shows all the same
    assert (row(2010).locked, row(2010).submitted) == (True, 0)
    unlock_year(sec, "VN", 2012)
    assert not row(2012).locked and row(2012).locked_records == 0
    assert not any(r.locked for r in completeness_rows(sec) if r.country != "VN")


def test_review_counts_for_the_dashboards(vn, sec, tmp_path: Path) -> None:
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    assert review_counts(sec) == ReviewCounts(awaiting=4, returned=0)
    return_records(sec, [records["person"].uid], "Spelling")
    assert review_counts(sec) == ReviewCounts(awaiting=3, returned=1)
    send(sec, vn, tmp_path / "sec.xlsx")
    assert review_counts(vn) == ReviewCounts(awaiting=3, returned=1)


def test_an_office_without_a_recent_package_is_stale(vn, sec, tmp_path: Path) -> None:
    add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    with sec.session() as session:  # the package came half a year ago
        session.execute(update(PackageLog).values(at=utc_now() - dt.timedelta(days=180)))
    assert all(r.stale for r in completeness_rows(sec))
