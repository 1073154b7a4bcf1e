"""The one reason for returning the chosen records, asked once for all of them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_number, ngettext
from app.models.review import REASON_LIMIT
from app.ui.wrapping_label import WrappingLabel


class ReturnDialog(QDialog):
    """Asks why; Return stays disabled until there is a reason that fits."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Return for correction"))
        question = WrappingLabel(
            ngettext(
                "Why is this record returned? The office sees the reason with the record.",
                "Why are these {n} records returned? Their offices see the reason with each.",
                count,
            ).format(n=format_number(count)),
            self,
        )
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.note = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.return_button = self.buttons.addButton(
            _("&Return"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._on_text_changed()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _on_text_changed(self) -> None:
        length = len(self.reason_text())
        self.return_button.setEnabled(0 < length <= REASON_LIMIT)
        self.note.setText(
            _("{n} of at most {limit} characters").format(
                n=format_number(length), limit=format_number(REASON_LIMIT)
            )
        )
