"""Fonts for printed reports: explicit Noto families so every script of the region renders.

Qt picks fallback fonts per character, but for Han text it then prefers the
Japanese glyph shapes (NOTES.md), and a bare system may have no Thai, Khmer,
Lao or Myanmar font at all. So each report names its families in order:
Latin and Vietnamese from Noto Sans, Han from the CJK face of the report's
language, then the Southeast Asian scripts, so mixed text (a Chinese report
listing Lao names) renders too.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

SOUTHEAST_ASIAN = ("Noto Sans Thai", "Noto Sans Khmer", "Noto Sans Lao", "Noto Sans Myanmar")
CJK_BY_LANGUAGE = {
    "zh": "Noto Sans CJK SC",
    "ja": "Noto Sans CJK JP",
    "ko": "Noto Sans CJK KR",
}
# Shapes of the languages we print, used by the glyph check and its test.
SAMPLE_TEXT = {
    "en": "Capacity-building training 2011–2013",
    "zh": "中国-东盟环境合作行动计划 能力建设培训",
    "th": "การฝึกอบรมเสริมสร้างศักยภาพ ด้านสิ่งแวดล้อม",
    "km": "វគ្គបណ្តុះបណ្តាលកសាងសមត្ថភាព បរិស្ថាន",
    "lo": "ການຝຶກອົບຮົມສ້າງຄວາມສາມາດ ສິ່ງແວດລ້ອມ",
    "my": "စွမ်းရည်မြှင့်တင်ရေး သင်တန်း ပတ်ဝန်းကျင်",
    "vi": "Đào tạo nâng cao năng lực về môi trường",
}


def font_families(locale: str) -> list[str]:
    """The font families for a report in ``locale`` (a Babel identifier), in order."""
    language = locale.split("_")[0]
    cjk = CJK_BY_LANGUAGE.get(language, "Noto Sans CJK SC")
    others = [f for f in CJK_BY_LANGUAGE.values() if f != cjk]
    wanted = ["Noto Sans", cjk, *SOUTHEAST_ASIAN, *others]
    installed = set(QFontDatabase.families())
    present = [f for f in wanted if f in installed]
    return present or [QFont().defaultFamily()]


def report_font(locale: str, point_size: float, *, bold: bool = False) -> QFont:
    """A font for report text in ``locale`` at ``point_size`` points."""
    font = QFont()
    font.setFamilies(font_families(locale))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def missing_families(locale: str) -> list[str]:
    """The wanted families that are not installed (for a warning or a test)."""
    language = locale.split("_")[0]
    wanted = ["Noto Sans", CJK_BY_LANGUAGE.get(language, "Noto Sans CJK SC"), *SOUTHEAST_ASIAN]
    installed = set(QFontDatabase.families())
    return [f for f in wanted if f not in installed]


def unsupported_characters(font: QFont, text: str) -> list[str]:
    """Characters of ``text`` that none of the font's families can draw."""
    raws = []
    for family in font.families() or [font.family()]:
        f = QFont(font)
        f.setFamilies([family])
        raws.append(QRawFont.fromFont(f))
    return [
        ch
        for ch in dict.fromkeys(text)
        if not ch.isspace() and not any(r.supportsCharacter(ord(ch)) for r in raws)
    ]
