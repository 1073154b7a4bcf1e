"""Sorting texts as the language sorts them (Qt's QCollator, ICU in Qt's wheels).

Python's ``sorted`` orders by code point: "Đức" after "Zoe" in Vietnamese,
Thai words by their leading vowel, Chinese by code point instead of pinyin.
:func:`collated` orders by the collation of the language on screen
(``QLocale()``, set by app/ui/shell/application.py's ``choose_language``),
with numbers compared as numbers ("9" before "10"). Names are compared as
written: a family-name-first name (Chinese, Vietnamese, Khmer) sorts by its
family name, and nothing is reordered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cmp_to_key
from typing import TypeVar

from PySide6.QtCore import QCollator, QLocale, Qt

T = TypeVar("T")


def language_collator(locale: QLocale | None = None) -> QCollator:
    """A collator for ``locale`` (default: the language on screen), case-blind, numeric."""
    collator = QCollator(locale if locale is not None else QLocale())
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


def collated(items: Iterable[T], key: Callable[[T], str], locale: QLocale | None = None) -> list[T]:
    """``items`` ordered by the language's collation of ``key(item)``."""
    collator = language_collator(locale)
    pairs = [(key(item), item) for item in items]

    def compare(a: tuple[str, T], b: tuple[str, T]) -> int:
        return collator.compare(a[0], b[0])

    pairs.sort(key=cmp_to_key(compare))
    return [item for _text, item in pairs]
