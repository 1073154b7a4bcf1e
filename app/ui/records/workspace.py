"""The open database as the pages share it: changes go through one undo stack.

Every create, update and delete made from a page is a ``QUndoCommand`` here,
so Undo (Ctrl+Z) works the same everywhere, and every page hears ``changed``
to refresh what it shows. Each write runs on the one worker thread
(``call_on_worker``), so a save made while an import runs waits its turn.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import AcecError
from app.i18n import N_, _, ngettext
from app.identity.candidates import Candidate
from app.models import fields_of, model_of
from app.models.values import canonical
from app.services.certificates import IssuePlan, issue_certificates, set_certificates
from app.services.duplicates import duplicates_of_person, find_duplicates
from app.services.identity import IdentityDecision, decide
from app.services.records import (
    RecordData,
    create_record,
    delete_record,
    get_record,
    restore_record,
    update_record,
)
from app.store import Database
from app.ui.background import call_on_worker


class Workspace(QObject):
    """The database, the undo stack, and a signal for every change."""

    changed = Signal(str)  # the record kind that changed
    failed = Signal(str)  # a message when an undo or redo could not be done

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)

    @property
    def site(self) -> str:
        return self.db.site

    def create(self, kind: str, values: dict[str, Any]) -> RecordData:
        """Save a new record (raises ``ValidationError``); Undo deletes it again."""
        db = self.db
        record = call_on_worker(lambda: create_record(db, kind, values))
        self.undo_stack.push(_Created(self, record.kind, record.uid))
        self.changed.emit(kind)
        return record

    def update(self, kind: str, uid: str, values: dict[str, Any]) -> RecordData:
        """Change a record; Undo puts the changed fields back."""
        db = self.db

        def work() -> tuple[RecordData, RecordData]:
            return get_record(db, kind, uid), update_record(db, kind, uid, values)

        before, after = call_on_worker(work)
        specs = {s.name: s for s in fields_of(kind)}
        old = {
            name: before.values[name]
            for name in values
            if canonical(specs[name].type, before.values[name])
            != canonical(specs[name].type, after.values[name])
        }
        if old:
            new = {name: after.values[name] for name in old}
            self.undo_stack.push(_Updated(self, kind, uid, old, new))
            self.changed.emit(kind)
        return after

    def duplicates(self, kind: str) -> list[Candidate]:
        """The open candidate pairs of likely duplicate people or organisations."""
        db = self.db
        return call_on_worker(lambda: find_duplicates(db, kind))

    def duplicates_of_person(self, record: RecordData) -> list[Candidate]:
        """The people stored before that a just-saved person is likely one with."""
        db = self.db
        return call_on_worker(lambda: duplicates_of_person(db, record.values, record.uid))

    def decide(self, uid_a: str, uid_b: str, verdict: str) -> IdentityDecision:
        """Record this office's decision that two records are one ("same") or two;
        Undo takes it back."""
        db = self.db
        decision = call_on_worker(lambda: decide(db, uid_a, uid_b, verdict))
        if decision.changed and decision.previous is None:
            self.undo_stack.push(_Created(self, "identity_link", decision.uid))
        elif decision.changed and decision.previous is not None:
            before, after = {"verdict": decision.previous}, {"verdict": verdict}
            self.undo_stack.push(_Updated(self, "identity_link", decision.uid, before, after))
        self.changed.emit("identity_link")
        return decision

    def delete(self, kind: str, uid: str) -> None:
        """Delete a record (a tombstone); Undo restores it."""
        db = self.db
        call_on_worker(lambda: delete_record(db, kind, uid))
        self.undo_stack.push(_Deleted(self, kind, uid))
        self.changed.emit(kind)

    def issue_certificates(self, activity_uid: str, on: dt.date) -> IssuePlan:
        """Number the activity's completed trainees in one step; one Undo takes them all back."""
        db = self.db
        plan = call_on_worker(lambda: issue_certificates(db, activity_uid, on))
        if plan.numbers:
            self.undo_stack.push(_CertificatesIssued(self, plan))
            self.changed.emit("participation")
        return plan

    def retranslate(self) -> None:
        """Name every change on the undo stack in the current language."""
        for i in range(self.undo_stack.count()):
            command = self.undo_stack.command(i)
            if isinstance(command, _RecordCommand):
                command.retranslate()

    def run_step(self, step: Any, kind: str) -> None:
        """Run an undo or redo step, telling the user if it cannot be done."""
        try:
            call_on_worker(step)
        except AcecError as exc:
            self.failed.emit(exc.message)
        self.changed.emit(kind)


def _label(kind: str) -> str:
    return _(model_of(kind).__label__).lower()


class _RecordCommand(QUndoCommand):
    """One change to one record; its menu text follows the language in use."""

    template = ""  # an N_-marked message with {kind}

    def __init__(self, ws: Workspace, kind: str, uid: str) -> None:
        super().__init__()
        self.ws, self.kind, self.uid = ws, kind, uid
        self._first = True  # already done when pushed
        self.retranslate()

    def retranslate(self) -> None:
        """Name the change in the current language (Edit › Undo shows it)."""
        self.setText(_(self.template).format(kind=_label(self.kind)))

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.ws.run_step(self.do, self.kind)

    def undo(self) -> None:
        self.ws.run_step(self.undo_step, self.kind)

    def do(self) -> object:
        raise NotImplementedError

    def undo_step(self) -> object:
        raise NotImplementedError


class _Created(_RecordCommand):
    template = N_("add {kind}")

    def do(self) -> object:
        return restore_record(self.ws.db, self.kind, self.uid)

    def undo_step(self) -> object:
        return delete_record(self.ws.db, self.kind, self.uid)


class _Deleted(_RecordCommand):
    template = N_("delete {kind}")

    def do(self) -> object:
        return delete_record(self.ws.db, self.kind, self.uid)

    def undo_step(self) -> object:
        return restore_record(self.ws.db, self.kind, self.uid)


class _Updated(_RecordCommand):
    template = N_("change {kind}")

    def __init__(
        self, ws: Workspace, kind: str, uid: str, old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        self.old, self.new = old, new
        super().__init__(ws, kind, uid)

    def do(self) -> object:
        return update_record(self.ws.db, self.kind, self.uid, self.new)

    def undo_step(self) -> object:
        return update_record(self.ws.db, self.kind, self.uid, self.old)


class _CertificatesIssued(_RecordCommand):
    """The numbers an issue gave, taken back (undo) or given again (redo) in one transaction."""

    def __init__(self, ws: Workspace, plan: IssuePlan) -> None:
        self.plan = plan
        super().__init__(ws, "participation", plan.activity_uid)

    def retranslate(self) -> None:
        n = len(self.plan.numbers)
        self.setText(ngettext("issue {n} certificate", "issue {n} certificates", n).format(n=n))

    def do(self) -> object:
        numbers = {uid: (number, self.plan.on) for uid, number in self.plan.numbers}
        set_certificates(self.ws.db, numbers)
        return None

    def undo_step(self) -> object:
        set_certificates(self.ws.db, {uid: (None, None) for uid, _n in self.plan.numbers})
        return None
