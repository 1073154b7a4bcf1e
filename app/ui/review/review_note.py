"""The line above a record's form saying where it stands with the secretariat."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services.review import ReviewRow
from app.store import Database
from app.ui.wrapping_label import WrappingLabel

NOTE_STYLE = {
    "returned": "background: #fbe3e1; color: #7b1d14; padding: 6px; border-radius: 4px;",
    "resubmitted": "background: #fff4d6; padding: 6px; border-radius: 4px;",
    "accepted": "color: #1e6b34;",
}


def review_note_text(review: ReviewRow | None, own: bool) -> str:
    """What the form says about ``review`` ('' for a record not reviewed yet)."""
    if review is None:
        return ""
    if review.state == "returned":
        text = _("Returned for correction by the joint secretariat: {reason}").format(
            reason=review.reason or ""
        )
        if own:
            text += " " + _("Correct the record and save it: your next package resubmits it.")
        return text
    if review.state == "resubmitted":
        return _("Resubmitted: changed since the joint secretariat reviewed it.")
    if review.state == "accepted":
        return _("Accepted by the joint secretariat.")
    return ""


class ReviewNote(WrappingLabel):
    """Shaded by state; hidden for a new record or one not reviewed yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.hide()

    def show_review(self, db: Database, uid: str | None) -> None:
        from app.services.review import review_of

        review = review_of(db, uid) if uid else None
        text = review_note_text(review, own=review is not None and review.country == db.site)
        self.setText(text)
        self.setStyleSheet(NOTE_STYLE.get(review.state, "") if review and text else "")
        self.setVisible(bool(text))
