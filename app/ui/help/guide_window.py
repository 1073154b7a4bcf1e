"""The user guide in a window of its own: contents, search within the guide, Back.

The guide is rendered from the English source through the program's
catalogue (``app.guide``), so it is shown in the program's language wherever
a paragraph is translated. Its pictures are found beside the source, inside
the installed package.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.guide.source import guide_folder, read_guide
from app.guide.translated import translate_guide
from app.i18n import _
from app.ui.shell.icons import icon
from app.word_breaks import BREAK, with_break_opportunities

TOP = "start"  # the first section: Help › User guide opens here


def shown_text(text: str) -> str:
    """A text of the guide as shown: translated, and marked where Khmer, Lao and
    Burmese lines may break (Qt alone breaks their paragraphs inside words)."""
    return with_break_opportunities(_(text))


def search_pattern(text: str) -> QRegularExpression:
    """What the guide's search looks for: ``text``, ignoring case and the break marks
    that the shown text carries inside runs of Khmer, Lao and Burmese."""
    pattern = f"{BREAK}?".join(QRegularExpression.escape(char) for char in text)
    return QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)


class GuideWindow(QWidget):
    """The guide: a contents list, a search field, Back, and the text with its pictures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.sections = read_guide()
        self.current_key = TOP
        self._history: list[str] = []
        self.contents = QListWidget(self)
        self.contents.setWordWrap(True)  # long titles in every language, no sideways scrolling
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.itemActivated.connect(self._on_contents_item)
        self.contents.itemClicked.connect(self._on_contents_item)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setSearchPaths([str(guide_folder())])
        self.browser.anchorClicked.connect(self._on_link)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search.textEdited.connect(self._on_search_edited)
        self.search_state = QLabel(self)
        self.back_button = QPushButton(icon("back"), "", self)
        self.back_button.clicked.connect(self.go_back)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.Back, self, self.go_back)
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.search_state)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 680])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.resize(960, 720)
        self.retranslate()

    def retranslate(self) -> None:
        """Build the guide again in the current language, at the section shown."""
        self.setWindowTitle(_("ACEC Tracker user guide"))
        self.back_button.setText(_("&Back"))
        self.back_button.setToolTip(_("Back to the section shown before"))
        self.search.setPlaceholderText(_("Search the guide (Ctrl+F, then Enter)"))
        self.search_state.clear()
        guide = translate_guide(self.sections, shown_text)
        self.browser.setHtml(guide.html)
        self.contents.clear()
        for entry in guide.contents:
            item = QListWidgetItem(entry.title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
        self._show(self.current_key)
        self._update_back()

    # --- moving around ----------------------------------------------------------

    def open_at(self, key: str) -> None:
        """Show the section ``key`` (a page key or a walkthrough), remembering where we were.

        An unknown key (a page without a section of its own) opens the top.
        """
        if key not in self.section_keys():
            key = TOP
        if key != self.current_key:
            self._history.append(self.current_key)
        self._show(key)
        self._update_back()

    def section_keys(self) -> list[str]:
        """The keys of the guide's sections, in order."""
        return [section.key for section in self.sections]

    def go_back(self) -> None:
        """Back to the section shown before the last move."""
        if self._history:
            self._show(self._history.pop())
        self._update_back()

    def _show(self, key: str) -> None:
        self.current_key = key
        self.contents.setCurrentRow(self.section_keys().index(key))
        bar = self.browser.verticalScrollBar()
        if key == self.section_keys()[0]:
            bar.setValue(0)
            return
        # To the end first, so that the section's heading then lands at the top.
        bar.setValue(bar.maximum())
        self.browser.scrollToAnchor(key)

    def _update_back(self) -> None:
        self.back_button.setEnabled(bool(self._history))

    def _on_contents_item(self, item: QListWidgetItem) -> None:
        self.open_at(item.data(Qt.ItemDataRole.UserRole))

    def _on_link(self, url: QUrl) -> None:
        if url.fragment():
            self.open_at(url.fragment())

    # --- search -----------------------------------------------------------------

    def _on_search_edited(self, _text: str) -> None:
        # Each new search starts from the top of the guide.
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self.find_next()

    def find_next(self) -> bool:
        """Select the next place the search text occurs (wrapping round); False if none."""
        text = self.search.text()
        self.search_state.clear()
        if not text:
            return False
        flags, pattern = QTextDocument.FindFlag(0), search_pattern(text)
        if self.browser.find(pattern, flags):
            return True
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        if self.browser.find(pattern, flags):
            return True
        self.search_state.setText(_("Not found in the guide"))
        return False
