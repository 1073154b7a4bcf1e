"""Long Khmer and Lao sentences in the window wrap between words, not past the label's edge.

Qt alone finds no break in them (tests/reports/test_line_breaks.py, whose
words and sentences these are); the program's word-wrapped labels are
WrappingLabels, which show the text with ICU's break opportunities.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app.ui.wrapping_label import WrappingLabel
from app.word_breaks import BREAK, icu_available
from tests.reports.test_line_breaks import (
    QT_SYLLABLES,
    WORDS,
    _label_line_starts,
    _widths,
    _word_starts,
)

pytestmark = pytest.mark.skipif(not icu_available(), reason="no ICU library found")


@pytest.mark.parametrize("language", ["th", "km", "lo", pytest.param("my", marks=QT_SYLLABLES)])
def test_wrapping_labels_break_between_words(qapp: QApplication, language: str) -> None:
    words = WORDS[language]
    label = WrappingLabel("".join(words))
    shown = label.text()
    wrong: set[int] = set()
    most_lines = 0
    for width in _widths(shown, language):
        starts = _label_line_starts(shown, language, width)
        most_lines = max(most_lines, len(starts))
        wrong |= {s - shown[:s].count(BREAK) for s in starts} - _word_starts(words)
    assert most_lines >= 3
    assert wrong == set()


@pytest.mark.parametrize("language", ["km", "lo"])
def test_a_wrapping_label_can_be_narrower_than_its_sentence(
    qapp: QApplication, language: str
) -> None:
    """A plain QLabel of a Khmer sentence is as wide as the sentence; ours wraps it."""
    sentence = "".join(WORDS[language]) * 2
    plain, ours = QLabel(sentence), WrappingLabel(sentence)
    plain.setWordWrap(True)
    for label in (plain, ours):
        label.setFont(QApplication.font())
    assert ours.minimumSizeHint().width() < plain.minimumSizeHint().width() / 3
    narrow = ours.minimumSizeHint().width() * 2
    assert ours.heightForWidth(narrow) >= 3 * ours.fontMetrics().lineSpacing()
    # The marks are for showing only: the text without them is the text given.
    assert ours.text().replace(BREAK, "") == sentence
