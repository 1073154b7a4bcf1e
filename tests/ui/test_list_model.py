"""The record list model: every matching row counted at once, rows read by the page on demand.

Small pages (a few rows) make a small database cross many page boundaries.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from app.services.listing import ListQuery, list_columns
from app.services.records import delete_record, update_record
from app.store import Database
from app.ui.records.list_model import RecordListModel
from tests.ui.conftest import OFFSCREEN_NOISE, insert_foreign, person

pytestmark = OFFSCREEN_NOISE

NAMES = [
    "Lan Nguyen",
    "Minh Tran",
    "Anh Pham",
    "Hoa Le",
    "Tuan Vo",
    "Lan Nguyen",  # the same name twice: the order among equals is by id
    "Dung Bui",
    "Khanh Do",
    "Thanh Ngo",
    "Van Dang",
    "Quang Ha",
    "Mai Ly",
    "Bao Trinh",
    "Ngan Duong",
]
KEYS = [c.key for c in list_columns("person")]
NAME = KEYS.index("name")


@pytest.fixture
def people(db: Database) -> list[tuple[str, str, str]]:
    """(name, country, uid) of the people in ``db``: this office's and one from Cambodia."""
    made = []
    for i, name in enumerate(NAMES):
        country = ("VN", "LA", "KH")[i % 3]
        made.append((name, country, person(db, name, country)))
    foreign = insert_foreign(db, "person", "KH", name="Sokha Chan", country="KH", consent=False)
    made.append(("Sokha Chan", "KH", foreign))
    return made


@pytest.fixture
def queries(db: Database) -> Iterator[list[str]]:
    """The SQL statements run on ``db`` while the test runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def _model(
    db: Database, query: ListQuery, page_size: int = 3, pages_kept: int = 2
) -> RecordListModel:
    model = RecordListModel(db, "person", page_size=page_size, pages_kept=pages_kept)
    model.set_query(query)
    return model


def _shown_names(model: RecordListModel) -> list[str]:
    return [model.data(model.index(row, NAME)) for row in range(model.rowCount())]


def _by_name(people: list[tuple[str, str, str]], descending: bool = False) -> list[str]:
    """Uids in the list's order: by name, then by id among equal names."""
    ordered = sorted(people, key=lambda p: p[2])
    return [p[2] for p in sorted(ordered, key=lambda p: p[0], reverse=descending)]


@pytest.mark.parametrize("force_py", [False, True])
def test_model_passes_the_model_tester(qtmodeltester, db, people, force_py) -> None:
    model = _model(db, ListQuery(sort="name"))
    qtmodeltester.check(model, force_py=force_py)
    # The tester checks the model again on every reset.
    model.set_query(ListQuery(search="an", sort="name", descending=True))
    model.sort(KEYS.index("country"), Qt.SortOrder.AscendingOrder)
    model.set_query(ListQuery(search="zzq"))
    assert model.rowCount() == 0
    model.set_query(ListQuery(sort="name"))
    assert model.rowCount() == len(people)


def test_the_first_page_shows_before_every_id_is_read(db, people) -> None:
    """A long list is on screen after one short query; the other ids are added below."""
    model = RecordListModel(db, "person", page_size=4)
    seen: list[tuple[str, int]] = []
    model.modelReset.connect(lambda: seen.append(("reset", model.rowCount())))
    model.rowsInserted.connect(lambda _p, first, last: seen.append(("added", last - first + 1)))
    model.set_query(ListQuery(sort="name"))
    assert seen == [("reset", 4), ("added", len(people) - 4)]
    assert [model.uid_at(row) for row in range(model.rowCount())] == _by_name(people)
    seen.clear()
    model.set_query(ListQuery(search="zzq"))  # a short list: one query, one reset
    assert seen == [("reset", 0)]


def test_row_count_is_the_matching_count_before_any_scrolling(db, people) -> None:
    counts: list[tuple[int, int]] = []
    model = RecordListModel(db, "person", page_size=3)
    model.counts_changed.connect(lambda shown, total: counts.append((shown, total)))
    model.refresh()
    assert model.rowCount() == len(people)
    model.set_query(ListQuery(search="an", sort="name"))
    expected = sum("an" in name.lower() for name, _country, _uid in people)
    assert 3 * 2 < expected < len(people)  # several pages, not every row
    assert model.rowCount() == model.matching == expected
    assert model.pages_loaded == 0
    assert counts == [(len(people), len(people)), (expected, len(people))]
    model.set_query(ListQuery(filters=(("country", "KH"),)))
    in_cambodia = sum(country == "KH" for _name, country, _uid in people)
    assert model.rowCount() == in_cambodia
    assert counts[-1] == (in_cambodia, len(people))


def test_last_row_shows_the_last_record(db, people, queries) -> None:
    model = _model(db, ListQuery(sort="name"))
    last = model.rowCount() - 1
    assert last == len(people) - 1
    queries.clear()
    index = model.index(last, NAME)
    assert model.data(index) == "Van Dang"
    assert len(queries) == 1  # one page read, not every page before it
    foreign = model.index(model.row_of(people[-1][2]), 0)
    assert model.data(foreign) == "Sokha Chan"
    assert model.data(foreign, Qt.ItemDataRole.FontRole).italic()
    assert "Cambodia" in model.data(foreign, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.FontRole) is None  # this office's own row


def test_row_of_a_row_far_down_needs_no_row_read(db, people, queries) -> None:
    model = _model(db, ListQuery(sort="name", descending=True))
    expected = _by_name(people, descending=True)
    far = expected[-2]
    queries.clear()
    assert model.row_of(far) == len(expected) - 2
    assert model.uid_at(len(expected) - 2) == far
    assert model.row_of("no-such-id") == -1
    assert queries == [] and model.pages_loaded == 0
    assert model.row_at(len(expected) - 2).uid == far
    assert model.row_at(len(expected) - 1).uid == expected[-1]
    assert len(queries) == 1  # both on one page
    with pytest.raises(IndexError):
        model.row_at(len(expected))


def test_only_the_pages_seen_last_are_kept(db, people, queries) -> None:
    model = _model(db, ListQuery(sort="name"), page_size=3, pages_kept=2)
    pages = -(-len(people) // 3)
    for row in range(model.rowCount()):
        model.row_at(row)
        assert model.pages_loaded <= 2
    # The first page's ids, the returned records, every id, then each page once.
    assert len(queries) == pages + 3
    queries.clear()
    model.row_at(model.rowCount() - 1)  # the page seen last is still held
    assert queries == []
    model.row_at(0)  # the first page was dropped long ago
    assert len(queries) == 1
    # Seen again, the first page is kept; the one seen longest ago is dropped.
    model.row_at(3)
    model.row_at(0)
    model.row_at(6)
    queries.clear()
    model.row_at(0)
    assert queries == []
    model.row_at(3)
    assert len(queries) == 1


@pytest.mark.parametrize("descending", [False, True])
def test_sorted_rows_across_page_boundaries(db, people, descending) -> None:
    model = _model(db, ListQuery(sort="name", descending=descending), page_size=4)
    expected = _by_name(people, descending)
    assert [model.row_at(row).uid for row in range(model.rowCount())] == expected
    names = sorted((p[0] for p in people), reverse=descending)
    assert _shown_names(model) == names
    # Read back to front as well: each page holds the same rows either way.
    fresh = _model(db, ListQuery(sort="name", descending=descending), page_size=4)
    backwards = [fresh.row_at(row).uid for row in reversed(range(fresh.rowCount()))]
    assert backwards[::-1] == expected


def test_sorted_by_country_across_page_boundaries(db, people) -> None:
    model = _model(db, ListQuery(sort="country"), page_size=2)
    codes = [model.row_at(row).values[KEYS.index("country")] for row in range(model.rowCount())]
    assert codes == sorted(p[1] for p in people)
    assert [model.uid_at(row) for row in range(model.rowCount())] == [
        p[2] for p in sorted(people, key=lambda p: (p[1], p[2]))
    ]


def test_refresh_after_changes_shows_the_new_rows(db, people) -> None:
    counts: list[tuple[int, int]] = []
    # Every page stays held, so rows cached before the change would show.
    model = _model(db, ListQuery(search="an", sort="name"), pages_kept=100)
    model.counts_changed.connect(lambda shown, total: counts.append((shown, total)))
    before = model.rowCount()
    _shown_names(model)  # every page read once, so a stale cache would show
    uid_of = {name: uid for name, _country, uid in people}
    gone = uid_of["Thanh Ngo"]
    delete_record(db, "person", gone)
    delete_record(db, "person", uid_of["Hoa Le"])  # not shown: only the total changes
    new = person(db, "Zhang Wei")
    renamed = uid_of["Minh Tran"]
    update_record(db, "person", renamed, {"name": "Minh Tran Van"})
    model.data_changed()
    model.refresh()
    assert model.rowCount() == before  # one gone, one new
    assert counts == [(before, len(people) - 1)]
    assert model.row_of(gone) == -1
    assert model.row_of(new) == model.rowCount() - 1
    names = _shown_names(model)
    assert names[-1] == "Zhang Wei" and "Thanh Ngo" not in names
    assert "Minh Tran Van" in names and names == sorted(names)
    assert model.row_at(model.row_of(renamed)).values[NAME] == "Minh Tran Van"
    # A search that no longer matches a renamed record leaves it out.
    update_record(db, "person", new, {"name": "Zhou Wei"})
    model.refresh()
    assert model.row_of(new) == -1 and model.rowCount() == before - 1


def test_a_row_deleted_before_its_page_is_read_shows_empty(db, people) -> None:
    model = _model(db, ListQuery(sort="name"))
    last = model.uid_at(model.rowCount() - 1)
    delete_record(db, "person", last)  # not yet refreshed, as while another task runs
    row = model.row_at(model.rowCount() - 1)
    assert row.uid == last and set(row.values) == {None}
    assert model.data(model.index(model.rowCount() - 1, NAME)) == ""
    model.refresh()
    assert model.row_of(last) == -1 and model.rowCount() == len(people) - 1
