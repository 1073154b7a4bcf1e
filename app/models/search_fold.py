"""Forgiving search: one folding of text, used for the stored column and the typed query.

People type names as their keyboard allows: "huong" for "Hương", "DANG" for
"Đặng", full-width "ＡＢＣ" from a Chinese input method. Folding both sides
the same way makes those equal; storing the folded text of each searchable
record (the ``search_fold`` column) keeps a search a plain ``LIKE`` over one
column, fast at 100,000 rows on SQLite and PostgreSQL alike.

The folding is not a sort key: sorting people's names per language (Vietnamese
given name last, Chinese by pinyin or stroke, ...) needs the locale and would
be a separate ``name_sort_key(text, locale)`` beside ``fold`` here, with its
own stored column when a list sorts by it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Text, event
from sqlalchemy.orm import Mapped, mapped_column

SEARCH_COLUMN = "search_fold"
# Between the folded fields of one record: a query never holds it (whitespace
# folds to one space), so a search never matches across two fields.
FIELD_SEPARATOR = "\n"

# Latin letters that are not a base letter plus a combining mark, so that
# taking the marks off leaves them as they are.
_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ħ": "h", "ı": "i", "ŀ": "l"})
# Marks are taken off Latin, Greek and Cyrillic letters only: in Thai, Lao,
# Khmer, Myanmar or Japanese kana a combining mark is part of the letter.
_MARKS_DROPPED_BELOW = 0x0530
_LATIN_EXTENDED_ADDITIONAL = range(0x1E00, 0x1F00)


def _drops_marks(base: str) -> bool:
    code = ord(base)
    return code < _MARKS_DROPPED_BELOW or code in _LATIN_EXTENDED_ADDITIONAL


def fold(text: str) -> str:
    """``text`` without case, accents or width: "Nguyễn Thị ＨＵＯＮＧ" → "nguyen thi huong".

    Full-width and compatibility forms become their plain letters (NFKC),
    case is folded (ß → ss), accents come off Latin letters, đ becomes d,
    and runs of white space become one space.
    """
    if text.isascii():
        return " ".join(text.lower().split())  # split() and \\s agree on what is white space
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    kept: list[str] = []
    base = " "
    for char in decomposed:
        if unicodedata.combining(char):
            if not _drops_marks(base):
                kept.append(char)
            continue
        base = char
        kept.append(char)
    joined = unicodedata.normalize("NFC", "".join(kept)).translate(_LETTERS)
    return " ".join(joined.split())


def search_fields(model: Any) -> tuple[str, ...]:
    """The fields folded into a model's ``search_fold`` column (none: not searchable)."""
    return tuple(getattr(model, "__search_fields__", ()))


def record_search_text(model: Any, values: Mapping[str, Any]) -> str | None:
    """What a record of ``model`` with these ``values`` stores in ``search_fold``.

    None when every searched field is empty. Every write path (form, import,
    demo, migration) stores this, so the column always agrees with the fields.
    """
    return folded_fields(search_fields(model), values)


def folded_fields(names: tuple[str, ...], values: Mapping[str, Any]) -> str | None:
    """The folded ``values`` of the fields ``names``, one after another; None when all empty."""
    return folded_values([values.get(name) for name in names])


def folded_values(values: Iterable[Any], folded: Callable[[str], str] = fold) -> str | None:
    """The folded values, one after another, empty ones left out; None when all are empty.

    ``folded`` may be a memo of ``fold`` (a bulk import folds many repeated values).
    """
    parts = [folded(str(value)) for value in values if value]
    text = FIELD_SEPARATOR.join(p for p in parts if p)
    return text or None


def like_pattern(typed: str) -> str | None:
    """The ``LIKE`` pattern (escape ``\\``) matching the folded ``typed`` anywhere; None if empty."""
    folded = fold(typed)
    if not folded:
        return None
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def refold(_mapper: Any, _connection: Any, row: Any) -> None:
    """Before an ORM insert or update: store the row's folded text (see ``keep_in_step``)."""
    model = type(row)
    values = {name: getattr(row, name) for name in search_fields(model)}
    setattr(row, SEARCH_COLUMN, record_search_text(model, values))


def keep_in_step(model: Any) -> None:
    """Refold ``model``'s rows whenever the ORM writes them (forms, ``session.add``).

    Bulk Core writes (package import, demo data, the migration) bypass the
    ORM and store ``record_search_text`` themselves.
    """
    event.listen(model, "before_insert", refold)
    event.listen(model, "before_update", refold)


def search_fold_column() -> Mapped[str | None]:
    """The derived column a searchable record kind declares; never synced nor shown."""
    return mapped_column(SEARCH_COLUMN, Text, nullable=True, info={"derived": True})
