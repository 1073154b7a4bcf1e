"""Qt's own texts in languages Qt has no translation for, from our catalogue.

Qt translates its standard buttons, context menus, file dialogs and print
preview through ``qtbase_<lang>.qm``, which its wheel ships for Chinese but
not for Vietnamese, Thai, Khmer, Lao, Burmese, Indonesian, Malay, Filipino or
Portuguese of Timor-Leste. Without it a Thai message box would say "OK" and
"Cancel" in English under a Thai question. :class:`CatalogueQtTranslator`
answers the texts a user sees from our gettext catalogue instead; each is
marked here with ``N_()`` so that it is in ``messages.pot`` with Qt's own
wording (the ``&`` marks the Alt-key letter; ``%1`` is a file name).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

from app.i18n import N_, _

# Qt's translation context → its source texts that a user of this program sees.
QT_TEXTS: dict[str, tuple[str, ...]] = {
    # Standard buttons of message boxes and button boxes.
    "QPlatformTheme": (
        N_("OK"), N_("Cancel"), N_("Save"), N_("Save All"), N_("Open"), N_("&Yes"),
        N_("Yes to &All"), N_("&No"), N_("N&o to All"), N_("Abort"), N_("Retry"),
        N_("Ignore"), N_("Close"), N_("Discard"), N_("Help"), N_("Apply"), N_("Reset"),
        N_("Restore Defaults"),
    ),
    "QDialogButtonBox": (N_("OK"),),
    "QMessageBox": (N_("Show Details..."), N_("Hide Details...")),
    "QProgressDialog": (N_("Cancel"),),
    "QInputDialog": (N_("Enter a value:"),),
    # Context menus of line edits and text boxes, and of spin boxes.
    "QLineEdit": (
        N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
        N_("Select All"),
    ),
    "QWidgetTextControl": (
        N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
        N_("Select All"), N_("Copy &Link Location"),
    ),
    "QAbstractSpinBox": (N_("&Select All"), N_("&Step up"), N_("Step &down")),
    # The first-run wizard's buttons (their wording depends on the platform's style).
    "QWizard": (
        N_("< &Back"), N_("&Next >"), N_("&Next"), N_("&Finish"), N_("Cancel"),
        N_("Go Back"), N_("Continue"), N_("Commit"), N_("Done"), N_("Help"), N_("&Help"),
    ),
    # The print preview's toolbar and title.
    "QPrintPreviewDialog": (
        N_("Print Preview"), N_("Next page"), N_("Previous page"), N_("First page"),
        N_("Last page"), N_("Fit width"), N_("Fit page"), N_("Zoom in"), N_("Zoom out"),
        N_("Portrait"), N_("Landscape"), N_("Show single page"), N_("Show facing pages"),
        N_("Show overview of all pages"), N_("Print"), N_("Page setup"), N_("Page Setup"),
        N_("Export to PDF"),
    ),
    # Qt's own file dialog (Linux; Windows and macOS show the system's, in its language).
    "QFileDialog": (
        N_("Look in:"), N_("File &name:"), N_("Files of type:"), N_("&Open"), N_("&Save"),
        N_("&Choose"), N_("Open"), N_("Save As"), N_("Find Directory"), N_("Directory:"),
        N_("Back"), N_("Forward"), N_("Parent Directory"), N_("Create New Folder"),
        N_("List View"), N_("Detail View"), N_("Go back"), N_("Go forward"),
        N_("Go to the parent directory"), N_("Change to list view mode"),
        N_("Change to detail view mode"), N_("Recent Places"), N_("My Computer"),
        N_("All Files (*)"), N_("All files (*)"), N_("&New Folder"), N_("New Folder"),
        N_("&Rename"), N_("&Delete"), N_("Show &hidden files"), N_("Sidebar"),
        N_("List of places and bookmarks"),
        N_("%1 already exists.\nDo you want to replace it?"),
        N_("Are you sure you want to delete '%1'?"),
    ),
    "QFileSystemModel": (
        N_("Name"), N_("Size"), N_("Kind"), N_("Type"), N_("Date Modified"),
        N_("Computer"), N_("My Computer"),
    ),
}  # fmt: skip
_KNOWN = {(context, text) for context, texts in QT_TEXTS.items() for text in texts}


class CatalogueQtTranslator(QTranslator):
    """A Qt translator that answers Qt's texts of :data:`QT_TEXTS` through ``_()``.

    Installed instead of ``qtbase_<lang>.qm`` where Qt ships none; a text the
    catalogue does not translate yet is left to Qt (its English).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    # None is Qt's null string, "no translation here": Qt then asks the next
    # translator or keeps its source text. An empty string would be taken as
    # the translation itself (blank buttons, "%1%" zoom labels without number).
    def translate(  # noqa: N802 - Qt's name
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if (context, source_text) not in _KNOWN:
            return None
        translated = _(source_text)
        return translated if translated != source_text else None
