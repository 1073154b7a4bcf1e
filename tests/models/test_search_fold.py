"""The one folding behind every search: case, accents and width forgiven."""

from __future__ import annotations

import pytest

from app.models import Person
from app.models.search_fold import FIELD_SEPARATOR, fold, like_pattern, record_search_text


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Nguyễn Thị Thu Hương", "nguyen thi thu huong"),
        ("HUONG", "huong"),
        ("Hương", "huong"),
        ("Đặng Văn Lâm", "dang van lam"),
        ("ＨＵＯＮＧ", "huong"),  # full width, as a Chinese input method types it
        ("ＡＢＣ　ｄｅｆ", "abc def"),  # with an ideographic space
        ("Straße", "strasse"),
        ("  Nguyen \t  Thi ", "nguyen thi"),
        ("São Tomé", "sao tome"),
        ("Łódź", "lodz"),
    ],
)
def test_fold_forgives_case_accents_and_width(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize("text", ["ภาษาไทย", "ភាសាខ្មែរ", "မြန်မာ", "ພາສາລາວ", "がぎぐ", "环境合作"])
def test_fold_keeps_the_marks_that_are_letters_in_other_scripts(text: str) -> None:
    # A Thai vowel sign or a kana voicing mark is part of the letter, not an accent.
    assert fold(text) == text


def test_the_stored_text_keeps_fields_apart_and_a_query_cannot_span_them() -> None:
    stored = record_search_text(Person, {"name": "Hương", "name_local": None, "email": "H@X.VN"})
    assert stored == "huong" + FIELD_SEPARATOR + "h@x.vn"
    assert record_search_text(Person, {"name": "", "email": None}) is None
    assert like_pattern("huong\nh@x") == "%huong h@x%"


def test_like_wildcards_typed_are_characters() -> None:
    assert like_pattern("50%_a\\") == "%50\\%\\_a\\\\%"
    assert like_pattern("   ") is None
