"""The Dashboard's review line: what waits for the secretariat, or what came back to correct.

At a country office: "3 records returned for correction" and a button that
shows them with the secretariat's reasons; at the secretariat: how many
records await review and a button that opens the queue. Hidden when there
is nothing to say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from app.i18n import _, format_number, ngettext
from app.models.codes import SECRETARIAT
from app.services.review import ReviewCounts, returned_line, review_counts
from app.ui.background import NewestRead
from app.ui.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from app.ui.records.workspace import Workspace

BANNER_STYLE = "QFrame#reviewBanner { background: #fbe3e1; border-radius: 4px; }"


def banner_text(site: str, counts: ReviewCounts) -> str:
    """The line for this office ('' when there is nothing to say)."""
    if site != SECRETARIAT:
        return returned_line(counts.returned) if counts.returned else ""
    if not counts.awaiting:
        return _("No records from the countries await review")
    return ngettext(
        "{n} record from the countries awaits review",
        "{n} records from the countries await review",
        counts.awaiting,
    ).format(n=format_number(counts.awaiting))


class ReviewBanner(QFrame):
    """One line and one button, which opens the Review page."""

    open_review = Signal(str)  # the Review page, at this state ("" for all)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("reviewBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = WrappingLabel(self)
        bold = self.text.font()
        bold.setBold(True)
        self.text.setFont(bold)
        label = _("Open the review queue") if ws.site == SECRETARIAT else _("Show them")
        self.button = QPushButton(label, self)
        self.button.clicked.connect(self._on_open)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()
        self.reader = NewestRead(self, lambda: review_counts(ws.db))
        self.reader.shown.connect(self._show_counts)
        self.reader.failed.connect(lambda _exc: self.hide())

    @property
    def counting(self) -> bool:
        return self.reader.busy

    def refresh_later(self) -> None:
        self.reader.start()

    def _show_counts(self, counts: Any) -> None:
        text = banner_text(self.ws.site, counts)
        self.text.setText(text)
        self.setVisible(bool(text))

    def _on_open(self) -> None:
        # A country is shown what came back to it; the secretariat the whole queue.
        self.open_review.emit("" if self.ws.site == SECRETARIAT else "returned")
