"""Writes and long list reads from the window go through the one worker.

A save made while an import runs waits its turn there (no "database is
locked"), the event loop keeps turning while a long list is read, and finished
background tasks take their dialogs with them.
"""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy import event, insert

from app.demo import generate_demo
from app.models import model_of
from app.services.listing import ListQuery
from app.services.records import list_records
from app.store import Database
from app.sync.export import export_package
from app.sync.importer import ImportResult
from app.ui import background
from app.ui.background import BackgroundTask
from app.ui.records.list_model import RecordListModel
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from app.ui.sync.sync_page import SyncPage
from tests.ui.conftest import OFFSCREEN_NOISE, person

pytestmark = OFFSCREEN_NOISE
WAIT = 120_000


class _Ticks:
    """Counts the timer events the UI thread handles."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._on_tick)

    def _on_tick(self) -> None:
        self.count += 1


def _large_package(make_db, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    vn = make_db("VN")
    generate_demo(vn, size=3000, seed=7)
    path = tmp_path / "vn-large.xlsx"
    export_package(vn, path)
    return path


def test_a_save_during_an_import_waits_its_turn_and_succeeds(
    qtbot, make_db, sec_db: Database, tmp_path: Path
) -> None:
    path = _large_package(make_db, tmp_path)
    page = RecordListPage(Workspace(sec_db), "organisation")
    qtbot.addWidget(page)
    page.show()
    sync = SyncPage(sec_db)
    qtbot.addWidget(sync)
    sync.show()
    sync.start_import(path)
    qtbot.waitUntil(
        lambda: sync.preview_dialog is not None and sync.preview_dialog.isVisible(), timeout=WAIT
    )
    commits: list[float] = []
    save_began: list[float] = []

    def on_commit(_conn) -> None:  # type: ignore[no-untyped-def]
        commits.append(time.monotonic())

    def on_statement(_conn, _cursor, _statement, parameters, *_rest) -> None:  # type: ignore[no-untyped-def]
        if "Saved during the import" in repr(parameters) and not save_began:
            save_began.append(time.monotonic())

    event.listen(sec_db.engine, "commit", on_commit)
    event.listen(sec_db.engine, "before_cursor_execute", on_statement)
    dialog = sync.preview_dialog
    dialog.trust_check.click()
    clicked = time.monotonic()
    dialog.import_button.click()  # the import's apply is now on the worker
    assert sync.busy()

    page.editor.form.set_values({"name": "Saved during the import", "type": "ngo"})
    ticks = _Ticks()
    ticks.timer.start()
    saved = page.editor.save()
    ticks.timer.stop()

    event.remove(sec_db.engine, "commit", on_commit)
    event.remove(sec_db.engine, "before_cursor_execute", on_statement)

    assert saved, "the save was refused"
    # The save's first statement came after the import had committed: it waited
    # its turn rather than writing into the middle of the import.
    assert save_began and any(clicked < at < save_began[0] for at in commits)
    # It waited behind the import: the import had finished (and its result was
    # handled on this thread) by the time the save returned.
    assert isinstance(sync.last_result, ImportResult)
    assert sync.last_result.applied
    assert ticks.count > 0  # the window kept turning its event loop meanwhile
    names = [r["name"] for r in list_records(sec_db, "organisation")]
    assert "Saved during the import" in names
    assert len(names) > 10  # the package's organisations arrived too
    assert page.model.row_of(page.editor.record.uid) >= 0


def test_reading_a_long_list_leaves_the_event_loop_turning(qtbot, db: Database) -> None:
    rows = [
        {
            "uid": str(uuid.uuid4()),
            "owner": db.site,
            "version": f"1300000000000.{i:06d}.{db.site}",
            "deleted": False,
            "name": f"Trainee {i:06d}",
            "country": "VN",
        }
        for i in range(100_000)
    ]
    with db.session() as session:
        session.execute(insert(model_of("person")), rows)
    model = RecordListModel(db, "person")
    ticks = _Ticks()
    ticks.timer.start()
    model.set_query(ListQuery(sort="name", descending=True))
    ticks.timer.stop()
    assert model.rowCount() == 100_000
    assert model.data(model.index(0, 0)) == "Trainee 099999"
    assert ticks.count > 0  # timers ran while the ids were read on the worker


def test_a_refresh_asked_for_meanwhile_supersedes_an_older_one(qtbot, db: Database) -> None:
    person(db, "Lan Nguyen")
    person(db, "Minh Tran")
    model = RecordListModel(db, "person")
    newer = ListQuery(search="minh")
    # While the first read waits its turn, a timer asks for a newer query.
    QTimer.singleShot(0, lambda: model.set_query(newer))
    background._executor.submit(time.sleep, 0.1)
    model.set_query(ListQuery())
    assert model.query == newer
    assert model.rowCount() == 1


def test_finished_tasks_and_their_dialogs_are_deleted(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    tasks = []
    for i in range(40):
        task = BackgroundTask(parent, "Working…", lambda _progress, i=i: i)
        tasks.append(task)
        with qtbot.waitSignal(task.done, timeout=WAIT):
            task.start()
    failing = BackgroundTask(parent, "Failing…", lambda _progress: 1 / 0)
    tasks.append(failing)
    with qtbot.waitSignal(failing.error, timeout=WAIT):
        failing.start()
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(t) for t in tasks), timeout=WAIT)
    assert parent.findChildren(QProgressDialog) == []
    assert parent.findChildren(BackgroundTask) == []
    assert not any(t.running for t in tasks)


def test_saves_and_deletes_write_on_the_worker_thread(qtbot, db: Database) -> None:
    writers: list[str] = []

    def record(_conn, _cursor, statement: str, *_rest) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writers.append(threading.current_thread().name)

    page = RecordListPage(Workspace(db), "organisation")
    qtbot.addWidget(page)
    page.show()
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        page.editor.form.set_values({"name": "Gone soon", "type": "ngo"})
        assert page.editor.save()
        assert page.editor.delete(confirm=False)
        page.ws.undo_stack.undo()  # Edit › Undo writes too
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert writers and all(name.startswith(background.WORKER_PREFIX) for name in writers)
    assert [r["name"] for r in list_records(db, "organisation")] == ["Gone soon"]
