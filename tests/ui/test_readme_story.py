"""The README's story, in one window: enter a training with people and money, find it,
correct it, and see it on the dashboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.services.records import list_records
from app.services.reference_data import plan_item_uid
from app.ui.shell.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _on_next_dialog(handle) -> None:
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
        else:
            handle(dialog)

    QTimer.singleShot(0, poll)


def test_a_new_user_enters_finds_corrects_and_sees_a_training(qtbot, db) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()

    # 1. Activities › New: fill in the training and save.
    page = window.show_page("activity")
    window.new_action.trigger()
    form = page.editor.form
    form.widgets["item_uid"].set_value(plan_item_uid("2.5"))
    qtbot.keyClicks(form.widgets["title"], "Training on EIA for provincial officers")
    form.widgets["type"].set_value("training")
    form.widgets["status"].set_value("completed")
    qtbot.keyClicks(form.widgets["start_date"].edit, "2012-06-04")
    form.widgets["host_country"].set_value("VN")
    window.save_action.trigger()
    assert page.editor.record is not None

    # 2. Participants tab: a trainee created in place.
    panel = page.editor.participants
    page.editor.tabs.setCurrentWidget(panel)

    def new_person(dialog) -> None:
        qtbot.keyClicks(dialog.form.widgets["name"], "Nguyen Thi Hoa")
        dialog.form.widgets["country"].set_value("VN")
        dialog._on_save()

    _on_next_dialog(new_person)
    qtbot.mouseClick(panel.new, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1

    # 3. Funding tab: a commitment from the Cooperation Fund.
    funding = page.editor.funding

    def money(dialog) -> None:
        f = dialog.form
        f.widgets["kind"].set_value("commitment")
        f.widgets["source"].set_value("cafund")
        qtbot.keyClicks(f.widgets["amount"], "25000")
        f.widgets["currency"].set_value("USD")
        f.widgets["date"].edit.clear()  # it starts at the activity's date
        qtbot.keyClicks(f.widgets["date"].edit, "2012-05-01")
        dialog._on_save()

    _on_next_dialog(money)
    qtbot.mouseClick(funding.add, Qt.MouseButton.LeftButton)
    assert funding.model.rowCount() == 1

    # 4. Find it again: Ctrl+F and a few letters.
    window.new_action.trigger()
    window.find_action.trigger()
    qtbot.keyClicks(page.search, "EIA")
    qtbot.waitUntil(lambda: page.count.text() == "1 record", timeout=2000)
    page.table.selectRow(0)
    assert page.editor.record is not None

    # 5. Correct the title and save with Ctrl+S.
    title = page.editor.form.widgets["title"]
    title.selectAll()
    qtbot.keyClicks(title, "Training on EIA for provincial officers, Hue")
    window.save_action.trigger()
    assert list_records(db, "activity")[0]["title"].endswith(", Hue")

    # 6. The dashboard counts the session, the trainee and the money.
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard.counting)  # counted off the UI thread
    assert dashboard.trainings.value.text() == "1"
    assert dashboard.trainees.value.text() == "1"
    assert "$25,000.00" in dashboard.money_note.text()
