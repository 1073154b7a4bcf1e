"""A name as comparable Latin text: case, accents, word order and script aside.

"Nguyễn Văn Minh" and "NGUYEN Van Minh" give "minh nguyen van"; "王小明" gives
"wang xiaoming" (pinyin through pypinyin, the family name apart from the given
name as Latin spellings write it), like "Wang Xiaoming" and "Xiaoming WANG".

Other scripts go through anyascii, letter by letter. For the Thai, Lao, Khmer
and Burmese scripts that spelling is far from the one a person chooses
("สมชาย ใจดี" gives "smchay chaidi", not "Somchai Jaidee": the vowels a script
does not write are missing, and final consonants are spelt as written, not as
said), so names in these scripts are also compared by ``sound_key``: the first
letter of each word and its consonants, with the spellings that romanisations
swap (ph/p, th/t, kh/k, v/w, j/ch, a final d/t) made one. Measured on real
names (tests/identity/test_script_names.py):
- Khmer: most names match ("សុខ ដារ៉ា" / "Sok Dara", "ហេង សំរិន" / "Heng Samrin").
- Thai and Lao: many match ("สมชาย ใจดี" / "Somchai Jaidee", "ສອນໄຊ ສີພັນດອນ" /
  "Sonexay Siphandone"); a name whose Latin spelling follows the royal
  transcription of silent letters (Prayut / ประยุทธ์) often does not.
- Burmese: hardly any (anyascii spells the script's syllables far from the
  usual Latin names: "အောင်ဆန်း" gives "'eanchn", not "Aung San").
Names that do not match so are still found by the same e-mail or phone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Thai and Lao (U+0E00–U+0EFF), Burmese (U+1000–U+109F), Khmer (U+1780–U+17FF).
_SOUND_SCRIPTS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
# Thai and Lao write these vowels before the consonant they are said after.
_LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44\u0ec0-\u0ec4])([\u0e01-\u0e2e\u0e81-\u0eae])")
_SOUND_RULES = (
    (re.compile(r"[^a-z ]"), ""),
    (re.compile(r"([bcdfgjklmnpqrstvwxz])h"), r"\1"),  # ph, th, kh, ch: aspiration aside
    (re.compile(r"v"), "w"),
    (re.compile(r"j"), "c"),
    (re.compile(r"y"), "i"),
    (re.compile(r"d\b"), "t"),  # a final d is said t
    (re.compile(r"(.)\1+"), r"\1"),
)
_INNER_VOWELS = re.compile(r"\B[aeiou]")


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
    elif _SOUND_SCRIPTS.search(text):
        text = _LEADING_VOWEL.sub(r"\2\1", text)
    ascii_text = anyascii(text).lower()
    return [w for w in _NOT_WORD.split(ascii_text) if w]


@lru_cache(maxsize=262_144)  # names repeat (families, organisations): spell each once
def name_key(text: str | None) -> str:
    """The name's words sorted: the same key whatever the order, case, accents, script."""
    return " ".join(sorted(latin_words(text or "")))


def in_sound_script(text: str | None) -> bool:
    """True when ``text`` is written in Thai, Lao, Khmer or Burmese script."""
    return bool(_SOUND_SCRIPTS.search(text or ""))


@lru_cache(maxsize=262_144)
def sound_key(key: str) -> str:
    """A name key (``name_key``) as its words' skeletons, sorted: the first letter and the
    consonants, spellings that romanisations swap made one ("sok dara" → "dr sk")."""
    words = []
    for word in key.split():
        for pattern, replacement in _SOUND_RULES:
            word = pattern.sub(replacement, word)
        if word:
            words.append(_INNER_VOWELS.sub("", word))
    return " ".join(sorted(words))


def email_key(text: str | None) -> str:
    """An e-mail address as compared: trimmed, lower case ("" for none)."""
    return (text or "").strip().lower()


def phone_key(text: str | None) -> str:
    """A phone number's last eight digits (the country code and leading 0 aside)."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if ch.isdigit())
    return digits[-8:] if len(digits) >= 7 else ""
