"""Coded columns as people fill them: the code, or its label in a language they may use.

Gender also takes the forms people write on a registration list: M/F, 男/女,
Nam/Nữ and their like in the region's languages.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from app.i18n import _, translated_in
from app.models.codes import CODE_LISTS, codes_of
from app.templates.countries import NAME_LANGUAGES, folded, parse_countries, parse_country

_GENDER_FORMS = {
    "m": (
        "m",
        "male",
        "man",
        "男",
        "男性",
        "nam",
        "ชาย",
        "ប្រុស",
        "ຊາຍ",
        "ကျား",
        "lelaki",
        "laki-laki",
        "pria",
        "lalaki",
        "masculino",
        "mr",
    ),
    "f": (
        "f",
        "female",
        "woman",
        "女",
        "女性",
        "nữ",
        "หญิง",
        "ស្រី",
        "ຍິງ",
        "မ",
        "perempuan",
        "wanita",
        "babae",
        "feminino",
        "ms",
        "mrs",
    ),
}
_LABEL_LANGUAGES = ("en", *(language for language in NAME_LANGUAGES if language != "en"))


class CodeProblem(ValueError):
    """Not a value of the code list; the message says what would be accepted."""


@cache
def _labels(list_name: str, extra_language: str) -> dict[str, str]:
    """Folded code or label (in every language we ship) -> code."""
    found: dict[str, str] = {}
    labels = CODE_LISTS[list_name]
    for code in labels:
        found[folded(code)] = code
    for language in (extra_language, *_LABEL_LANGUAGES):
        for code, label in labels.items():
            found.setdefault(folded(translated_in(label, language)), code)
    if list_name == "gender":
        for code, forms in _GENDER_FORMS.items():
            for form in forms:
                found.setdefault(folded(form), code)
    return found


def choices_text(list_name: str) -> str:
    """The labels of a code list in the current language, for a message."""
    return ", ".join(_(label) for label in CODE_LISTS[list_name].values())


def parse_code(list_name: str, raw: object, locale: Locale) -> str:
    """The code ``raw`` stands for in the code list ``list_name``; ``CodeProblem`` if none."""
    text = " ".join(str(raw).split())
    if list_name in ("country", "site"):
        try:
            return parse_country(text, locale)
        except ValueError as exc:
            if list_name == "site" and text.upper() == "SEC":
                return "SEC"
            raise CodeProblem(str(exc)) from None
    if list_name == "currency":
        code = text.upper()
        if code in codes_of("currency"):
            return code
        raise CodeProblem(
            _("“{value}” is not a currency code; use ISO codes such as USD, CNY, VND").format(
                value=text
            )
        )
    found = _labels(list_name, str(locale)).get(folded(text))
    if found is None:
        raise CodeProblem(
            _("“{value}” is not in the list; choose one of: {choices}").format(
                value=text, choices=choices_text(list_name)
            )
        )
    return found


def parse_codes(list_name: str, raw: object, locale: Locale) -> str:
    """Several codes of one list (countries, for now) as space-separated codes."""
    if list_name == "country":
        try:
            return parse_countries(raw, locale)
        except ValueError as exc:
            raise CodeProblem(str(exc)) from None
    words = [w for w in str(raw).replace(";", ",").split(",") if w.strip()]
    return " ".join(sorted({parse_code(list_name, w, locale) for w in words}))
