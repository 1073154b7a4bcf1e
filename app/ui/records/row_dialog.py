"""One related row (a funding or participation record) opened in a dialog to change it in place."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from app.errors import AcecError, NotFoundError, ValidationError
from app.i18n import _
from app.models import model_of
from app.models.codes import label_of
from app.services.records import RecordData, get_record
from app.ui.records.record_form import RecordForm
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel


class RowEditDialog(QDialog):
    """The record ``uid`` of ``kind`` in a form; Save changes it through the workspace (Undo-able).

    Another office's row, or any row of a record this office may not change,
    opens read-only with Close only.
    """

    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        uid: str,
        parent: QWidget | None = None,
        *,
        hidden: tuple[str, ...] = (),
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ws, self.kind, self.uid = workspace, kind, uid
        self.record: RecordData = get_record(workspace.db, kind, uid)
        label = _(model_of(kind).__label__).lower()
        self.setWindowTitle(_("Change {kind}").format(kind=label))
        self.form = RecordForm(workspace, kind, hidden=hidden, parent=self)
        self.form.set_record(self.record)  # says so when the row's year is locked
        self.editable = (
            editable and self.record.owner == workspace.site and self.form.locked is None
        )
        self.form.set_read_only(not self.editable)
        self.note = WrappingLabel(self)
        self.note.setText(
            _("Owned by {office}: read-only here").format(
                office=label_of("site", self.record.owner)
            )
        )
        self.note.setVisible(self.record.owner != workspace.site)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(
            standard.Save | standard.Cancel if self.editable else standard.Close, self
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _on_save(self) -> None:
        if self._save():
            self.accept()

    def _save(self) -> bool:
        """Store the form's values; show what is wrong beside the fields and return False if refused."""
        try:
            self.ws.update(self.kind, self.uid, self.form.values())
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            return False
        except NotFoundError:
            self._say(_("This record was deleted meanwhile; nothing was saved."))
            return False
        except AcecError as exc:
            self._say(exc.message)
            return False
        return True

    def _say(self, message: str) -> None:
        self.form.show_problems([])
        self.form.general_error.setText(message)
        self.form.general_error.show()
