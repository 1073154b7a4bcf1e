"""Every script of the region lays out with no missing glyph, in the report fonts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout

from app.reports.render_fonts import (
    SAMPLE_TEXT,
    font_families,
    missing_families,
    report_font,
    unsupported_characters,
)


def _missing_glyphs(locale: str, text: str) -> int:
    layout = QTextLayout(text, report_font(locale, 10))
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for index in run.glyphIndexes() if index == 0)


@pytest.mark.parametrize("script", list(SAMPLE_TEXT))
@pytest.mark.parametrize("locale", ["en", "zh_Hans_CN", "th", "vi"])
def test_no_missing_glyphs(qapp, locale: str, script: str) -> None:
    if missing_families(locale):
        pytest.skip(f"fonts not installed: {missing_families(locale)}")
    text = SAMPLE_TEXT[script]
    assert _missing_glyphs(locale, text) == 0
    assert unsupported_characters(report_font(locale, 10), text) == []


def test_chinese_reports_use_simplified_shapes(qapp) -> None:
    families = font_families("zh_Hans_CN")
    if "Noto Sans CJK SC" not in families:
        pytest.skip("Noto Sans CJK SC not installed")
    assert families.index("Noto Sans CJK SC") < families.index("Noto Sans CJK JP")
