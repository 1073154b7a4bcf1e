"""Fonts for printed reports: explicit Noto families so every script of the region renders.

Qt picks fallback fonts per character, but for Han text it then prefers the
Japanese glyph shapes (NOTES.md), and a bare system may have no Thai, Khmer,
Lao or Myanmar font at all. So each report names its families in order:
Latin and Vietnamese from Noto Sans, Han from the CJK face of the report's
language, then the Southeast Asian scripts, so mixed text (a Chinese report
listing Lao names) renders too.

The bundle carries these fonts (build.spec) for machines that lack them;
``register_bundled_fonts`` makes them known to Qt, once, wherever a Qt GUI
application starts (the window, and the command line's PDF reports).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from app.shipped_data import bundled_fonts_folder

FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}
_registered: dict[Path, list[str]] = {}

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


def register_bundled_fonts(folder: Path | None = None) -> list[str]:
    """Register every font file in ``folder`` (default: the bundle's); return the families.

    Needs a running QGuiApplication. Registering twice is harmless (each file
    is added once per process). Outside a bundle there is nothing to do.
    """
    folder = folder if folder is not None else bundled_fonts_folder()
    if folder is None:
        return []
    families: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        if path not in _registered:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id == -1:
                # Not a user's mistake and not fatal: the report falls back to other fonts.
                logging.getLogger("acec").warning("Qt could not load the font %s", path.name)
            _registered[path] = QFontDatabase.applicationFontFamilies(font_id)
        families.extend(f for f in _registered[path] if f not in families)
    return families


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
