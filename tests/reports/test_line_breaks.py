"""Thai, Khmer, Lao and Burmese are written without spaces between words: lines
must still break between words, in the window (QTextLayout, which QLabel and
item views use) and in PDFs (the report renderer's QTextDocument).

Each sentence is built from words whose boundaries are known (a line may only
start where a word starts), laid out narrower than the sentence.

Measured with Qt 6.11's wheel: Thai breaks between words (Qt has a Thai
dictionary). Khmer and Lao offer no break at all: a word-wrapped label runs
past its edge (QTextOption.WordWrap, as QLabel uses) and a QTextDocument breaks
anywhere, inside words (WrapAtWordBoundaryOrAnywhere, its default). Burmese
breaks inside syllables (before a killed consonant such as ည်).

Reports mark ICU's break opportunities with zero width spaces
(app/word_breaks.py): Lao and Khmer then break between words (a piece ICU
keeps whole, such as ភាសាខ្មែរ, breaks anywhere only when it is wider than the
line, as a long English word does). Burmese keeps Qt's wrong breaks inside
syllables beside ICU's. Each case Qt gets wrong is an expected failure,
strict, so that the test says when a fix lands. Every width from the widest
unbreakable piece to the whole sentence is tried.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from app.reports.model import Paragraph, ReportDocument, Section
from app.reports.render_fonts import report_font
from app.reports.render_pdf import _breakable, _lay_out, a4_writer, ensure_gui_application
from app.word_breaks import BREAK, icu_available, with_break_opportunities

WORDS = {
    # "Thai is a language that has no spaces between words"
    "th": ["ภาษา", "ไทย", "เป็น", "ภาษา", "ที่", "ไม่", "มี", "การ", "เว้น", "วรรค", "ระหว่าง", "คำ"],
    # "Khmer is the official language of the Kingdom of Cambodia"
    "km": ["ភាសា", "ខ្មែរ", "ជា", "ភាសា", "ផ្លូវការ", "នៃ", "ប្រទេស", "កម្ពុជា"],
    # "Lao is the official language of Lao PDR"
    "lo": ["ພາສາ", "ລາວ", "ເປັນ", "ພາສາ", "ທາງການ", "ຂອງ", "ປະເທດ", "ລາວ"],
    # "Burmese is the official language of Myanmar", by syllables: Burmese lines
    # may break between syllables, never inside one.
    "my": ["မြန်", "မာ", "ဘာ", "သာ", "စ", "ကား", "သည်", "မြန်", "မာ", "နိုင်", "ငံ", "၏", "ရုံး",
           "သုံး", "ဘာ", "သာ", "စ", "ကား", "ဖြစ်", "သည်"],
}  # fmt: skip
QT_ALONE = pytest.mark.xfail(
    strict=True, reason="Qt's own line breaking has no dictionary for this script (see module)"
)
QT_SYLLABLES = pytest.mark.xfail(
    strict=True, reason="Qt breaks Burmese inside syllables, beside ICU's breaks (see module)"
)
needs_icu = pytest.mark.skipif(not icu_available(), reason="no ICU library found")


def _word_starts(words: list[str]) -> set[int]:
    starts, at = set(), 0
    for word in words:
        starts.add(at)
        at += len(word)
    return starts


def _natural_width(text: str, language: str) -> float:
    layout = QTextLayout(text, report_font(language, 11))
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return line.naturalTextWidth()


def _widths(text: str, language: str) -> list[float]:
    """From the widest piece no break may divide to the whole sentence, in 24 steps."""
    pieces = [*WORDS[language], *(text.split(BREAK) if BREAK in text else [])]
    least = max(_natural_width(piece, language) for piece in pieces) * 1.05
    full = _natural_width(text.replace(BREAK, ""), language)
    return [least + (full - least) * k / 24 for k in range(24)]


def _label_line_starts(text: str, language: str, width: float) -> list[int]:
    """Where the lines of a word-wrapped label start (QTextOption.WordWrap, as QLabel)."""
    layout = QTextLayout(text, report_font(language, 11))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    starts = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def _document_line_starts(text: str, language: str, width: float) -> list[int]:
    """Where the lines of a QTextDocument paragraph start, counted without the marks."""
    document = QTextDocument()
    document.setDefaultFont(report_font(language, 11))
    document.setDocumentMargin(0)  # as the report renderer
    document.setPlainText(text)
    document.setTextWidth(width)
    document.size()  # lays the document out, as printing it does
    layout = document.firstBlock().layout()
    starts = [layout.lineAt(i).textStart() for i in range(layout.lineCount())]
    return [start - text[:start].count(BREAK) for start in starts]


def _wrong_breaks(starts_at: list[list[int]], words: list[str]) -> set[int]:
    return {start for starts in starts_at for start in starts} - _word_starts(words)


@pytest.mark.parametrize(
    "language",
    ["th", pytest.param("km", marks=QT_ALONE), pytest.param("lo", marks=QT_ALONE),
     pytest.param("my", marks=QT_ALONE)],
)  # fmt: skip
def test_labels_break_between_words(qapp: QApplication, language: str) -> None:
    words = WORDS[language]
    text = "".join(words)
    starts_at = [_label_line_starts(text, language, w) for w in _widths(text, language)]
    assert max(len(starts) for starts in starts_at) >= 3
    assert _wrong_breaks(starts_at, words) == set()


@needs_icu
@pytest.mark.parametrize("language", ["th", "km", "lo", pytest.param("my", marks=QT_SYLLABLES)])
def test_reports_break_between_words(qapp: QApplication, language: str) -> None:
    words = WORDS[language]
    marked = _breakable("".join(words))
    widths = _widths(marked, language)
    starts_at = [_document_line_starts(marked, language, w) for w in widths]
    assert max(len(starts) for starts in starts_at) >= 3
    assert _wrong_breaks(starts_at, words) == set()


def _report_lines(text: str, language: str) -> list[str]:
    """The lines a Paragraph of ``text`` takes in a real A4 report (marks removed)."""
    ensure_gui_application()
    report = ReportDocument("test", language, "-", [], "-", "{page}/{pages}")
    report.sections.append(Section("-", [Paragraph(text)]))
    with tempfile.TemporaryDirectory() as folder:
        writer = a4_writer(Path(folder) / "lines.pdf", "lines")
        doc = _lay_out(report, writer).builder.doc
        block = doc.begin()
        while block.isValid() and block.text().replace(BREAK, "") != text:
            block = block.next()
        assert block.isValid(), "the paragraph is not in the document"
        assert BREAK in block.text()  # the renderer marked ICU's breaks
        layout, shown = block.layout(), block.text()
        return [
            shown[line.textStart() : line.textStart() + line.textLength()].replace(BREAK, "")
            for line in (layout.lineAt(i) for i in range(layout.lineCount()))
        ]


@needs_icu
@pytest.mark.parametrize("language", ["km", "lo"])
def test_a_printed_paragraph_breaks_between_words(qapp: QApplication, language: str) -> None:
    words = WORDS[language] * 8  # several lines of A4
    lines = _report_lines("".join(words), language)
    assert len(lines) >= 2, lines
    assert "".join(lines) == "".join(words)
    starts = [sum(len(line) for line in lines[:i]) for i in range(len(lines))]
    assert set(starts) <= _word_starts(words), lines


@needs_icu
def test_break_opportunities_fall_between_known_words() -> None:
    for language in ("km", "lo", "my"):
        words = WORDS[language]
        marked = with_break_opportunities("".join(words))
        assert marked.replace(BREAK, "") == "".join(words)
        pieces = marked.split(BREAK)
        assert len(pieces) >= 5, pieces
        starts = {sum(len(p) for p in pieces[:i]) for i in range(len(pieces))}
        assert starts <= _word_starts(words), pieces
    thai_and_latin = "ภาษาไทย and English, ២០២៦"
    assert with_break_opportunities(thai_and_latin) == thai_and_latin  # Qt breaks those


def test_marks_do_not_change_how_text_looks(qapp: QApplication) -> None:
    for language in ("km", "lo", "my"):
        text = "".join(WORDS[language])
        assert _natural_width(with_break_opportunities(text), language) == pytest.approx(
            _natural_width(text, language)
        )
