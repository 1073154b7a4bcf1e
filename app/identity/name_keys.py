"""A name as comparable Latin text: case, accents, word order and script aside.

"Nguyễn Văn Minh" and "NGUYEN Van Minh" give "minh nguyen van"; "王小明" gives
"wang xiaoming" (pinyin through pypinyin, the family name apart from the given
name as Latin spellings write it), like "Wang Xiaoming" and "Xiaoming WANG".
Other scripts (Thai, Khmer, Lao, Burmese, ...) go through anyascii, which
spells them as their romanisation tables do; a Latin spelling chosen by the
person may still differ from it, and then only the e-mail or phone finds them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _han_words(text: str) -> str:
    """Pinyin of a Han name: the first syllable (family name) apart, the rest as one word."""
    words = []
    for part in text.split():
        syllables = lazy_pinyin(part, style=Style.NORMAL, errors="default")
        if _HAN.search(part) and len(syllables) > 1:
            words.append(f"{syllables[0]} {''.join(syllables[1:])}")
        else:
            words.append("".join(syllables))
    return " ".join(words)


def latin_words(text: str) -> list[str]:
    """The words of ``text`` in lower-case ASCII, in their order."""
    text = unicodedata.normalize("NFKC", text)
    if _HAN.search(text):
        text = _han_words(text)
    ascii_text = anyascii(text).lower()
    return [w for w in _NOT_WORD.split(ascii_text) if w]


@lru_cache(maxsize=65536)  # names repeat (families, organisations): spell each once
def name_key(text: str | None) -> str:
    """The name's words sorted: the same key whatever the order, case, accents, script."""
    return " ".join(sorted(latin_words(text or "")))


def email_key(text: str | None) -> str:
    """An e-mail address as compared: trimmed, lower case ("" for none)."""
    return (text or "").strip().lower()


def phone_key(text: str | None) -> str:
    """A phone number's last eight digits (the country code and leading 0 aside)."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if ch.isdigit())
    return digits[-8:] if len(digits) >= 7 else ""
