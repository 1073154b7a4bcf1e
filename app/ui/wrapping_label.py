"""A word-wrapped label whose Khmer, Lao and Burmese text breaks between words.

Qt finds no line break inside a run of Khmer or Lao (a label of a long
sentence runs past its edge) and breaks Burmese inside syllables
(tests/reports/test_line_breaks.py). ICU knows their words
(app/word_breaks.py): the label shows its text with a zero width space at
each place a line may break, as the printed reports do. Only what is shown is
marked; the text given is what the program keeps.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.word_breaks import with_break_opportunities


class WrappingLabel(QLabel):
    """A QLabel with word wrap on, breaking lines between words in every script."""

    def __init__(self, text: str | QWidget = "", parent: QWidget | None = None) -> None:
        if isinstance(text, QWidget):  # WrappingLabel(parent), as QLabel(parent)
            super().__init__(text)
            text = ""
        else:
            super().__init__(parent)
        self.setWordWrap(True)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name, overridden
        super().setText(with_break_opportunities(text))
