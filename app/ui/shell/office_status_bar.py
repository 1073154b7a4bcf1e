"""The status bar: which office, which database file, the last sync, and the demo marker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from app.i18n import _, format_datetime

if TYPE_CHECKING:
    from app.store import Database


class OfficeStatusBar(QStatusBar):
    """Shows "opening…" until a database is attached, then the office and its last sync."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.demo_label = QLabel(self)
        self.demo_label.setStyleSheet(
            "background: #c0392b; color: white; font-weight: bold; border-radius: 3px; padding: 1px 6px;"
        )
        self.demo_label.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # no known length: a moving bar
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.office_label = QLabel(self)
        self.file_label = QLabel(self)
        self.sync_label = QLabel(self)
        self.addPermanentWidget(self.demo_label)
        self.addPermanentWidget(self.busy)
        self.addPermanentWidget(self.office_label)
        self.addPermanentWidget(self.file_label, 1)
        self.addPermanentWidget(self.sync_label)
        self.db: Database | None = None
        self.retranslate()

    def show_opening(self, path: Path) -> None:
        """The database at ``path`` is being opened."""
        self.busy.show()
        self.office_label.setText(_("Opening the database…"))
        self.file_label.setText(str(path))

    def attach(self, db: Database) -> None:
        """Show this database's office, file and last sync."""
        self.db = db
        self.busy.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text again in the current language."""
        self.demo_label.setText(" " + _("DEMO DATA") + " ")
        self.demo_label.setToolTip(_("This database holds invented demonstration records."))
        self.file_label.setToolTip(_("The database file"))
        if self.db is None:
            return
        from app.models.codes import label_of, shown_office_name

        info = self.db.site_info
        self.demo_label.setVisible(info.demo)
        office = shown_office_name(info.site, info.office_name)
        # The country is named once: the default name already carries it.
        if info.site != "SEC" and label_of("site", info.site) not in office:
            office = _("{office} ({country})").format(
                office=office, country=label_of("site", info.site)
            )
        self.office_label.setText(_("Office: {office}").format(office=office))
        self.file_label.setText(str(self.db.path))
        self.refresh_sync()

    def refresh_sync(self) -> None:
        """Show the last sync again (after an import or export)."""
        if self.db is None:
            return
        from app.models.codes import label_of
        from app.services.office_status import last_sync

        last = last_sync(self.db)
        if last is None:
            self.sync_label.setText(_("Last sync: never"))
        else:
            self.sync_label.setText(
                _("Last sync: {when} ({peer})").format(
                    when=format_datetime(last.at, "short"), peer=label_of("site", last.peer)
                )
            )
