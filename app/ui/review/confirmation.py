"""A question before a change the secretariat's packages carry to an office: what it does."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class Confirmation(QMessageBox):
    """Says what the change does; ``do_button`` (named for the change) or Cancel."""

    def __init__(self, parent: QWidget | None, title: str, text: str, do_text: str) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(title)
        self.setText(text)
        self.do_button: QPushButton = self.addButton(do_text, QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)  # Enter alone changes nothing

    def confirmed(self) -> bool:
        """Whether the user chose the change (not Cancel, nor closing the box)."""
        return self.clickedButton() is self.do_button
