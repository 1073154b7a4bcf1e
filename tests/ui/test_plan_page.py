"""The Action plan page: its tree model passes Qt's checks and shows the progress report."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QIcon

from app.i18n import country_name, set_locale
from app.reports.progress import progress_report
from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.ui.plan.plan_page import PlanPage
from app.ui.plan.plan_tree_model import (
    ACTIVITIES,
    CODE,
    DUE,
    ITEM_UID_ROLE,
    STANDING,
    TITLE,
    PlanTreeModel,
)
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE, person, training

pytestmark = OFFSCREEN_NOISE


def _find(model: PlanTreeModel, code: str, parent: QModelIndex | None = None) -> QModelIndex:
    """The first-column index of the row whose code is ``code``, searching depth first."""
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, CODE, parent)
        if index.data() == code:
            return index
        found = _find(model, code, index)
        if found.isValid():
            return found
    return QModelIndex()


def _texts(index: QModelIndex) -> list[str]:
    return [index.siblingAtColumn(c).data() for c in range(index.model().columnCount())]


def _show(qtbot, page: PlanPage) -> PlanPage:
    """Show the page and wait for the plan, which is read on the worker thread."""
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.counting and page.model.rowCount() > 0)
    return page


@pytest.fixture
def page(qtbot, db) -> PlanPage:
    page = PlanPage(Workspace(db))
    page.resize(1200, 700)
    _show(qtbot, page)
    qtbot.waitExposed(page)
    return page


def test_the_plan_is_read_off_the_ui_thread_when_shown(qtbot, db) -> None:
    page = PlanPage(Workspace(db))
    qtbot.addWidget(page)
    page.show()
    assert page.counting and page.heading.text() == "Counting…"
    qtbot.waitUntil(lambda: not page.counting)
    assert page.heading.text().startswith("China–ASEAN")
    assert _find(page.model, "2.5").isValid()


def test_plan_tree_model_passes_the_model_tester(qtmodeltester, db) -> None:
    trainee = person(db, "Nguyen Van An")
    uid = training(db)
    create_record(
        db, "participation", {"activity_uid": uid, "person_uid": trainee, "role": "trainee"}
    )
    training(db, "Enforcement training", start_date="2013-04-02")
    model = PlanTreeModel(db)
    model.refresh()
    assert model.rowCount() == 4
    # A country office sees the region's target with its own contribution.
    standing = _find(model, "2.5-T2").siblingAtColumn(STANDING).data()
    assert standing == f"Region: 1 of 100 — {country_name('VN')} contributed 1"
    assert _find(model, "2.5").siblingAtColumn(ACTIVITIES).data() == "2"
    qtmodeltester.check(model, force_py=True)
    model.refresh()  # the same rows again: figures change in place
    qtmodeltester.check(model, force_py=True)


def test_tree_shows_items_milestones_and_targets(page, db) -> None:
    model = page.model
    assert page.heading.text() == progress_report(db, country="VN").header.plan.title_en
    areas = [model.index(r, TITLE).data() for r in range(model.rowCount())]
    assert areas[1] == "China–ASEAN Green Envoys Programme"
    item = _find(model, "2.5")
    assert item.parent() == model.index(1, 0)
    assert _texts(item) == [
        "2.5",
        "Capacity-building training for ASEAN officials and experts",
        "",
        "",
        "0",
    ]
    assert item.data(ITEM_UID_ROLE) == plan_item_uid("2.5")
    milestone = _find(model, "2.5.4")
    assert milestone.parent() == item
    assert _texts(milestone)[TITLE:] == ["Training starts in 2011", "Dec 31, 2011", "Overdue", ""]
    assert isinstance(
        milestone.siblingAtColumn(STANDING).data(Qt.ItemDataRole.DecorationRole), QIcon
    )
    assert _texts(_find(model, "2.5-T2"))[STANDING] == (
        f"Region: 0 of 100 — {country_name('VN')} contributed 0"
    )
    assert _texts(_find(model, "2.5-T1"))[STANDING] == (
        f"Region: 2 a year; recorded 2011: 0, 2012: 0, 2013: 0 — {country_name('VN')} contributed 0"
    )
    # Every area and item starts open.
    assert page.tree.isExpanded(model.index(1, 0)) and page.tree.isExpanded(item)


def test_a_recorded_training_changes_the_figures(qtbot, page, db) -> None:
    model = page.model
    item = _find(model, "2.5")
    page.tree.collapse(_find(model, "1.2"))
    page.tree.setCurrentIndex(item)
    uid = training(db, start_date="2011-06-01", end_date="2011-06-05")
    page.refresh()
    assert item.siblingAtColumn(ACTIVITIES).data() == "1"
    milestone = _find(model, "2.5.4")
    assert milestone.siblingAtColumn(STANDING).data() == "Met on time"
    assert milestone.siblingAtColumn(STANDING).data(Qt.ItemDataRole.ToolTipRole) == "Jun 5, 2011"
    assert "2011: 1" in _find(model, "2.5-T1").siblingAtColumn(STANDING).data()
    # The user's view survives the refresh.
    assert page.tree.currentIndex() == item
    assert not page.tree.isExpanded(_find(model, "1.2"))

    # Through the workspace, as the Activities page records one.
    page.ws.create(
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": "Pollution control training",
            "type": "training",
            "status": "completed",
            "start_date": "2012-09-10",
        },
    )
    qtbot.waitUntil(lambda: item.siblingAtColumn(ACTIVITIES).data() == "2")
    assert "2012: 1" in _find(model, "2.5-T1").siblingAtColumn(STANDING).data()
    page.ws.delete("activity", uid)
    qtbot.waitUntil(lambda: item.siblingAtColumn(ACTIVITIES).data() == "1")


def test_double_click_and_enter_open_the_item(qtbot, page) -> None:
    tree = page.tree
    item = _find(page.model, "2.5")
    tree.scrollTo(item)
    centre = tree.visualRect(item.siblingAtColumn(TITLE)).center()
    with qtbot.waitSignal(page.open_item) as blocker:
        # A real double-click starts with a press; QTest's sends the double-click event only.
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [plan_item_uid("2.5")]
    assert tree.isExpanded(item)  # opening it does not fold it away

    tree.setFocus()
    tree.setCurrentIndex(_find(page.model, "1.2-T1"))
    with qtbot.waitSignal(page.open_item) as blocker:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert blocker.args == [plan_item_uid("1.2")]

    # Enter on an area folds and unfolds it; it has no activities of its own.
    area = page.model.index(0, 0)
    tree.setCurrentIndex(area)
    with qtbot.assertNotEmitted(page.open_item):
        qtbot.keyClick(tree, Qt.Key.Key_Enter)
    assert not tree.isExpanded(area)


def test_context_menu_opens_the_item_and_folds_the_tree(qtbot, page) -> None:
    target = _find(page.model, "2.5-T1")
    labels = [a.text() for a in page.context_menu(target).actions() if not a.isSeparator()]
    assert labels == ["List activities", "Expand all", "Collapse all"]
    with qtbot.waitSignal(page.open_item) as blocker:
        page.context_menu(target).actions()[0].trigger()
    assert blocker.args == [plan_item_uid("2.5")]
    below = page.context_menu(QModelIndex()).actions()
    assert [a.text() for a in below] == ["Expand all", "Collapse all"]
    below[1].trigger()
    assert not page.tree.isExpanded(page.model.index(0, 0))
    below[0].trigger()
    assert page.tree.isExpanded(_find(page.model, "2.5"))


def test_columns_and_folded_rows_are_remembered(qtbot, db) -> None:
    first = _show(qtbot, PlanPage(Workspace(db)))
    first.tree.header().resizeSection(STANDING, 333)
    first.tree.collapse(_find(first.model, "2.5"))
    first.save_state(QSettings())

    second = PlanPage(Workspace(db))
    second.restore_state(QSettings())
    _show(qtbot, second)
    assert second.tree.header().sectionSize(STANDING) == 333
    assert not second.tree.isExpanded(_find(second.model, "2.5"))
    assert second.tree.isExpanded(_find(second.model, "1.2"))
    second.expand_all()
    second.refresh()
    assert second.tree.isExpanded(_find(second.model, "2.5"))
    second.collapse_all()
    assert not second.tree.isExpanded(second.model.index(0, 0))


def test_chinese_titles_and_states(qtbot, db) -> None:
    set_locale("zh_CN")
    page = _show(qtbot, PlanPage(Workspace(db)))
    heading = progress_report(db, country="VN").header.plan
    assert page.heading.text() == (heading.title_zh or heading.title_en)
    milestone = _find(page.model, "2.5.4")
    assert milestone.siblingAtColumn(STANDING).data() not in ("", "Overdue")
    assert page.model.headerData(DUE, Qt.Orientation.Horizontal) != "Due"


def test_background_reads_do_not_pile_up(qtbot, page) -> None:
    from app.ui.background import BackgroundCall

    for _ in range(10):
        page.refresh_later()
    qtbot.waitUntil(lambda: not page.counting)
    # Each read deletes itself once it has reported.
    qtbot.waitUntil(lambda: page.findChildren(BackgroundCall) == [])
    assert _find(page.model, "2.5").isValid()


def test_the_plan_s_own_texts_in_a_language_from_its_catalogue(
    qtbot, db, tmp_path, monkeypatch
) -> None:
    """Item, milestone and target titles, and the plan's title, from the catalogue."""
    from app import i18n
    from tests.test_i18n import write_po

    write_po(
        tmp_path,
        "th",
        {
            "China–ASEAN Environmental Cooperation Action Plan 2011–2013": "แผนปฏิบัติการ 2011–2013",
            "Capacity-building training for ASEAN officials and experts": "การฝึกอบรมเสริมสร้างขีดความสามารถ",
            "Two training sessions a year": "ปีละสองรุ่น",
        },
    )
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    set_locale("th")
    try:
        page = _show(qtbot, PlanPage(Workspace(db)))
        assert page.heading.text() == "แผนปฏิบัติการ 2011–2013"
        item = _find(page.model, "2.5")
        assert item.siblingAtColumn(TITLE).data() == "การฝึกอบรมเสริมสร้างขีดความสามารถ"
        assert _find(page.model, "2.5-T1").siblingAtColumn(TITLE).data() == "ปีละสองรุ่น"
    finally:
        set_locale("en")
