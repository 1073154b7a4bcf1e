"""The tables of related records on a form: their models, and ticking "Completed" in place."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from sqlalchemy import insert

from app.models import model_of
from app.services.records import create_record, delete_record, get_record
from app.store import Database
from app.ui.records.funding_panel import FundingPanel
from app.ui.records.list_page import RecordListPage
from app.ui.records.participants_panel import ParticipantsPanel
from app.ui.records.person_activities_panel import PersonActivitiesPanel
from app.ui.records.related_models import (
    FundingTableModel,
    ParticipantTableModel,
    PersonActivityTableModel,
)
from app.ui.records.related_panel import RelatedTableView
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE, insert_foreign, person, training

pytestmark = OFFSCREEN_NOISE

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
CHECK = Qt.ItemDataRole.CheckStateRole


def _completed(db: Database, uid: str) -> bool:
    return bool(get_record(db, "participation", uid).values["completed"])


def _take_part(db: Database, activity: str, who: str, role: str = "trainee") -> str:
    values = {"activity_uid": activity, "person_uid": who, "role": role}
    return create_record(db, "participation", values).uid


def _insert_foreign_funding(db: Database, activity: str) -> str:
    """Money Cambodia recorded for the activity (``insert_foreign`` takes ``kind`` itself)."""
    uid = str(uuid.uuid4())
    values = {
        "uid": uid,
        "owner": "KH",
        "version": "1300000000000.000001.KH",
        "deleted": False,
        "activity_uid": activity,
        "kind": "disbursement",
        "source": "asean_gov",
        "amount": Decimal("800"),
        "currency": "USD",
        "date": dt.date(2012, 3, 1),
    }
    with db.session() as session:
        session.execute(insert(model_of("funding")), [values])
    return uid


@pytest.fixture
def story(db: Database) -> dict[str, str]:
    """A training with two own trainees, one trainee Cambodia recorded, and two funding rows."""
    activity = training(db)
    lan, minh = person(db, "Tran Thi Lan"), person(db, "Le Van Minh")
    sok = insert_foreign(db, "person", "KH", name="Sok Dara", country="KH", consent=False)
    foreign = insert_foreign(
        db,
        "participation",
        "KH",
        activity_uid=activity,
        person_uid=sok,
        role="trainee",
        completed=True,
    )
    create_record(
        db,
        "funding",
        {
            "activity_uid": activity,
            "kind": "commitment",
            "source": "cafund",
            "amount": "12500",
            "currency": "USD",
            "date": "2012-02-01",
        },
    )
    _insert_foreign_funding(db, activity)
    return {
        "activity": activity,
        "lan": lan,
        "minh": minh,
        "lan_takes_part": _take_part(db, activity, lan),
        "minh_takes_part": _take_part(db, activity, minh, "trainer"),
        "foreign": foreign,
    }


@pytest.fixture
def panel(qtbot, db: Database, story: dict[str, str]) -> ParticipantsPanel:
    panel = ParticipantsPanel(Workspace(db))
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    panel.show_activity(story["activity"], editable=True)
    return panel


def _row(model: ParticipantTableModel, uid: str) -> int:
    return next(r for r in range(model.rowCount()) if model.row_at(r).uid == uid)


def _check_index(model: ParticipantTableModel, uid: str) -> QModelIndex:
    return model.index(_row(model, uid), model.check_column)


def _check_box_centre(view: RelatedTableView, index: QModelIndex) -> QPoint:
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    option.state |= QStyle.StateFlag.State_Enabled
    rect = view.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view
    )
    return rect.center()


# --- the models ---------------------------------------------------------------------


def test_participant_model_passes_the_model_tester(qtmodeltester, db, story) -> None:
    model = ParticipantTableModel(Workspace(db))
    model.load(story["activity"])
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)
    names = [model.index(r, 0).data() for r in range(3)]
    assert names == ["Le Van Minh", "Sok Dara", "Tran Thi Lan"]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Completed"
    assert model.index(2, 2).data() == "Trainee"
    assert model.index(2, 3).data(CHECK) == UNCHECKED


def test_funding_model_passes_the_model_tester(qtmodeltester, db, story) -> None:
    model = FundingTableModel(Workspace(db))
    model.load(story["activity"])
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    labels = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert labels[:3] == ["Kind", "Source", "Amount"]
    assert model.index(0, 2).data() == "12,500.00"
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Owned by Cambodia: read-only here"
    )


def test_person_activity_model_passes_the_model_tester(qtmodeltester, db, story) -> None:
    model = PersonActivityTableModel(Workspace(db))
    model.load(story["minh"])
    assert model.rowCount() == 1
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == "EIA training for provincial officers"
    assert model.index(0, 1).data() == "Mar 5, 2012"
    assert model.index(0, 2).data() == "Trainer"
    model.load(None)
    assert model.rowCount() == 0


def test_another_offices_rows_are_grey_italic_and_locked(db, story) -> None:
    model = ParticipantTableModel(Workspace(db))
    model.load(story["activity"])
    foreign = model.index(_row(model, story["foreign"]), 0)
    own = model.index(_row(model, story["lan_takes_part"]), 0)
    assert foreign.data(Qt.ItemDataRole.FontRole).italic()
    assert foreign.data(Qt.ItemDataRole.DecorationRole) is not None
    assert foreign.data(Qt.ItemDataRole.ToolTipRole) == "Owned by Cambodia: read-only here"
    assert foreign.data(Qt.ItemDataRole.ForegroundRole) is not None
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole):
        assert own.data(role) is None


# --- ticking "Completed" ------------------------------------------------------------


def test_ticking_completed_is_stored_and_undone(panel, db, story) -> None:
    model, uid = panel.model, story["lan_takes_part"]
    index = _check_index(model, uid)
    flags = model.flags(index)
    assert Qt.ItemFlag.ItemIsUserCheckable in flags
    assert model.setData(index, CHECKED, CHECK)
    assert _completed(db, uid)
    assert model.index(index.row(), index.column()).data(CHECK) == CHECKED
    assert panel.ws.undo_stack.count() == 1
    panel.ws.undo_stack.undo()
    assert not _completed(db, uid)
    assert _check_index(model, uid).data(CHECK) == UNCHECKED
    panel.ws.undo_stack.redo()
    assert _completed(db, uid)
    assert _check_index(model, uid).data(CHECK) == CHECKED


def test_a_click_on_the_check_box_ticks_and_unticks(qtbot, panel, db, story) -> None:
    view, uid = panel.table, story["lan_takes_part"]
    centre = _check_box_centre(view, _check_index(panel.model, uid))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert _completed(db, uid)
    assert _check_index(panel.model, uid).data(CHECK) == CHECKED
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert not _completed(db, uid)
    assert panel.ws.undo_stack.count() == 2
    panel.ws.undo_stack.undo()
    assert _completed(db, uid)
    # A click elsewhere in the row selects it and changes nothing.
    name = view.visualRect(panel.model.index(_row(panel.model, uid), 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=name)
    assert view.selected_uids() == [uid] and _completed(db, uid)


def test_space_ticks_the_current_row_whichever_cell_is_current(qtbot, panel, db, story) -> None:
    view, model, uid = panel.table, panel.model, story["minh_takes_part"]
    view.setFocus()
    view.setCurrentIndex(model.index(_row(model, uid), 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert _completed(db, uid)
    # The row stays current, so Space again takes the tick away.
    assert view.currentIndex().row() == _row(model, uid)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not _completed(db, uid)
    assert not _completed(db, story["lan_takes_part"])


def test_another_offices_participation_cannot_be_ticked(qtbot, panel, db, story) -> None:
    model, view, uid = panel.model, panel.table, story["foreign"]
    index = _check_index(model, uid)
    assert index.data(CHECK) == CHECKED  # shown as Cambodia recorded it
    flags = model.flags(index)
    assert Qt.ItemFlag.ItemIsUserCheckable not in flags
    assert Qt.ItemFlag.ItemIsEditable not in flags
    assert not model.setData(index, UNCHECKED, CHECK)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_check_box_centre(view, index))
    view.setFocus()
    view.setCurrentIndex(model.index(index.row(), 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert _completed(db, uid)
    assert panel.ws.undo_stack.count() == 0
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Owned by Cambodia: read-only here"


def test_a_tick_that_cannot_be_stored_says_why(panel, db, story) -> None:
    uid = story["lan_takes_part"]
    delete_record(db, "participation", uid)  # behind the panel's back, as another window might
    assert not panel.model.setData(_check_index(panel.model, uid), CHECKED, CHECK)
    assert panel.error.isVisible() and "No Participation" in panel.error.text()


def test_mark_completed_ticks_every_selected_row(qtbot, panel, db, story) -> None:
    view, model = panel.table, panel.model
    view.selectAll()
    qtbot.mouseClick(panel.complete, Qt.MouseButton.LeftButton)
    # Another office's row cannot be changed: said, not hidden.
    assert "belongs to Cambodia" in panel.error.text() and panel.error.isVisible()
    view.clearSelection()
    for uid in (story["lan_takes_part"], story["minh_takes_part"]):
        view.selectionModel().select(
            model.index(_row(model, uid), 0),
            view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
        )
    qtbot.mouseClick(panel.complete, Qt.MouseButton.LeftButton)
    assert not panel.error.isVisible()
    assert _completed(db, story["lan_takes_part"]) and _completed(db, story["minh_takes_part"])
    assert all(model.index(r, 3).data(CHECK) == CHECKED for r in range(3))


def test_a_tick_on_the_activity_page_is_undone_with_the_page(qtbot, db, story) -> None:
    page = RecordListPage(Workspace(db), "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.select_uid(story["activity"])
    panel = page.editor.participants
    page.editor.tabs.setCurrentWidget(panel)
    uid = story["minh_takes_part"]
    assert panel.model.setData(_check_index(panel.model, uid), CHECKED, CHECK)
    assert _completed(db, uid)
    # The form has unsaved edits, so the editor keeps them; the panel still follows undo.
    qtbot.keyClicks(page.editor.form.widgets["title"], " (draft)")
    page.ws.undo_stack.undo()
    assert not _completed(db, uid)
    assert _check_index(panel.model, uid).data(CHECK) == UNCHECKED
    assert page.editor.dirty and " (draft)" in page.editor.form.widgets["title"].text()


def test_completed_can_be_ticked_on_a_persons_form_too(qtbot, db, story) -> None:
    panel = PersonActivitiesPanel(Workspace(db))
    qtbot.addWidget(panel)
    panel.show()
    panel.show_person(story["lan"])
    index = panel.model.index(0, panel.model.check_column)
    assert panel.count.text() == "1 activity"
    assert panel.model.setData(index, CHECKED, CHECK)
    assert _completed(db, story["lan_takes_part"])
    panel.ws.undo_stack.undo()
    assert not _completed(db, story["lan_takes_part"])
    assert panel.model.index(0, 3).data(CHECK) == UNCHECKED


def test_funding_panel_lists_and_removes_its_own_rows(qtbot, db, story) -> None:
    panel = FundingPanel(Workspace(db))
    qtbot.addWidget(panel)
    panel.show()
    panel.show_activity(story["activity"], editable=True)
    assert panel.count.text() == "2 rows"
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1 and panel.count.text() == "1 row"
    panel.ws.undo_stack.undo()
    assert panel.model.rowCount() == 2


def test_edit_undo_in_the_window_takes_a_tick_back(qtbot, db, story) -> None:
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("activity")
    page.select_uid(story["activity"])
    panel = page.editor.participants
    page.editor.tabs.setCurrentWidget(panel)
    view, uid = panel.table, story["lan_takes_part"]
    centre = _check_box_centre(view, _check_index(panel.model, uid))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert _completed(db, uid)
    assert window.undo_action.isEnabled()
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    # The offscreen platform activates no window, so Ctrl+Z cannot reach the action.
    window.undo_action.trigger()
    assert not _completed(db, uid)
    assert _check_index(panel.model, uid).data(CHECK) == UNCHECKED


def test_a_narrow_funding_panel_cuts_long_text_not_numbers(qtbot, db, story) -> None:
    panel = FundingPanel(Workspace(db))
    qtbot.addWidget(panel)
    panel.resize(440, 300)
    panel.show()
    panel.show_activity(story["activity"], editable=True)
    view, columns = panel.table, [c.key for c in panel.columns]
    widths = [view.columnWidth(c) for c in range(len(columns))]
    assert sum(widths) <= view.viewport().width()
    for key in ("kind", "amount", "currency", "date"):
        column = columns.index(key)
        assert widths[column] >= view.sizeHintForColumn(column), key
    assert widths[columns.index("source")] < view.sizeHintForColumn(columns.index("source"))
    # Wide enough, every column shows whole and the source takes what is left.
    panel.resize(1000, 300)
    qtbot.waitUntil(lambda: view.viewport().width() > 900)
    widths = [view.columnWidth(c) for c in range(len(columns))]
    assert sum(widths) == view.viewport().width()
    assert all(w >= view.sizeHintForColumn(c) for c, w in enumerate(widths))


def test_a_mouse_tick_makes_its_row_current(qtbot, panel, db, story) -> None:
    """Tick the first trainee with the mouse, then Down and Space tick the next one."""
    view, model = panel.table, panel.model
    own = [r for r in range(model.rowCount()) if model.is_checkable(r)]
    first = model.row_at(own[0]).uid
    view.setFocus()
    view.setCurrentIndex(model.index(model.rowCount() - 1, 0))  # somewhere else first
    centre = _check_box_centre(view, _check_index(model, first))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert _completed(db, first)
    assert view.currentIndex().row() == _row(model, first)
    assert view.selected_uids() == [first]
    below = model.row_at(_row(model, first) + 1).uid
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert _completed(db, first)  # not unticked
    if model.is_checkable(_row(model, below)):
        assert _completed(db, below)


def _on_next_row_dialog(handle) -> list[object]:  # type: ignore[no-untyped-def]
    """Run ``handle(dialog)`` on the next row editor shown (its exec blocks otherwise)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.records.row_dialog import RowEditDialog

    seen: list[object] = []

    def poll() -> None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, RowEditDialog) and w.isVisible() and w not in seen
        ]
        if not found:
            QTimer.singleShot(10, poll)
            return
        seen.append(found[0])
        handle(found[0])

    QTimer.singleShot(0, poll)
    return seen


def test_a_funding_row_is_changed_in_place_by_double_click(qtbot, db, story) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    panel = FundingPanel(Workspace(db))
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    panel.show_activity(story["activity"], True)
    model, view = panel.model, panel.table
    own = next(r for r in range(model.rowCount()) if not model.is_foreign(r))
    uid = model.row_at(own).uid

    def change(dialog) -> None:  # type: ignore[no-untyped-def]
        amount = dialog.form.widgets["amount"]
        assert amount.text() == "12,500.00"
        amount.selectAll()
        qtbot.keyClicks(amount, "13,000")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    seen = _on_next_row_dialog(change)
    cell = view.visualRect(model.index(own, 0)).center()
    # A double-click as the system delivers it: a click, then the second press.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert seen, "no editor opened"
    assert get_record(db, "funding", uid).values["amount"] == Decimal("13000")
    amount = [c.key for c in panel.columns].index("amount")
    assert model.index(_row(model, uid), amount).data() == "13,000.00"
    panel.ws.undo_stack.undo()
    assert get_record(db, "funding", uid).values["amount"] == Decimal("12500")


def test_a_participant_row_opens_with_f2_and_another_offices_read_only(
    qtbot, panel, db, story
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    view, model = panel.table, panel.model
    uid = story["minh_takes_part"]

    def make_trainee(dialog) -> None:  # type: ignore[no-untyped-def]
        role = dialog.form.widgets["role"]
        role.setCurrentIndex(role.findData("trainee"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    view.setFocus()
    view.setCurrentIndex(model.index(_row(model, uid), 0))
    seen = _on_next_row_dialog(make_trainee)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert seen and get_record(db, "participation", uid).values["role"] == "trainee"

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
        assert not dialog.form.widgets["role"].isEnabled()
        assert "Owned by Cambodia" in dialog.note.text()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()

    view.setCurrentIndex(model.index(_row(model, story["foreign"]), 0))
    seen = _on_next_row_dialog(look)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert seen
