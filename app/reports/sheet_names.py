"""Worksheet names Excel accepts, made from table titles in any language.

Excel refuses a sheet name longer than 31 characters (UTF-16 units), one
with ``[ ] : * ? / \\``, one that begins or ends with an apostrophe, the
name "History", and two names that differ only in case. A long title is
cut at a word where it has spaces (English, Vietnamese) and anywhere else
(Chinese, Thai), never between a letter and its combining marks (Thai vowels
and tone marks), and marked with "…" so the reader sees it was shortened.
"""

from __future__ import annotations

import re
import unicodedata

SHEET_NAME_LIMIT = 31
ELLIPSIS = "…"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]+")
_RESERVED = "history"


def _units(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> str:
    """The longest start of ``text`` within ``limit`` units, ending after a whole letter."""
    end = 0
    for i in range(1, len(text) + 1):
        if _units(text[:i]) > limit:
            break
        end = i
    while 0 < end < len(text) and unicodedata.category(text[end]) in ("Mn", "Mc", "Me"):
        end -= 1  # the mark belongs to the letter before it: keep them together
    return text[:end]


def _shorten(text: str, limit: int) -> str:
    """``text`` within ``limit`` units: whole, or cut at a word and marked "…"."""
    if _units(text) <= limit:
        return text
    head = _cut(text, limit - 1)
    if " " in head.strip():
        at_word = head[: head.rstrip().rfind(" ")].rstrip()
        if _units(at_word) * 2 >= limit:  # keep at least half the room used
            head = at_word
    return head.rstrip(" '-–(") + ELLIPSIS


def _clean(title: str) -> str:
    text = _FORBIDDEN.sub(" ", unicodedata.normalize("NFC", title))
    return " ".join(text.split()).strip("'").strip()


class SheetNames:
    """Hands out unique, valid sheet names for one workbook."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def name(self, title: str, fallback: str) -> str:
        """A new name for a sheet titled ``title`` (``fallback`` when it has no usable text)."""
        base = _clean(title) or _clean(fallback) or "Sheet"
        name, n = _shorten(base, SHEET_NAME_LIMIT), 2
        while self._clash(name):
            suffix = f" ({n})"
            name = _shorten(base, SHEET_NAME_LIMIT - len(suffix)).strip("'") + suffix
            n += 1
        self._taken.add(name.casefold())
        return name

    def _clash(self, name: str) -> bool:
        key = name.casefold()
        return key in self._taken or key == _RESERVED
