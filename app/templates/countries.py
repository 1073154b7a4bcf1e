"""Countries as people type them: codes, or names in English, Chinese or a national language."""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale

from app.i18n import ASEAN_ENGLISH_NAMES, _
from app.models.codes import COUNTRY_CODES

# English, Chinese (both scripts) and every national language of the region.
NAME_LANGUAGES = (
    "en",
    "zh_Hans",
    "zh_Hant",
    "vi",
    "th",
    "km",
    "lo",
    "my",
    "ms",
    "id",
    "fil",
    "pt",
    "ta",
)
# Names people write that CLDR does not list.
_MORE_NAMES = {
    "LA": ("Laos", "Lao", "Lao People's Democratic Republic", "Lao P.D.R."),
    "VN": ("Vietnam",),
    "BN": ("Brunei",),
    "MM": ("Burma",),
    "TL": ("East Timor", "Timor Leste"),
    "CN": ("PRC", "People's Republic of China", "P.R. China"),
    "KH": ("Kingdom of Cambodia",),
    "PH": ("The Philippines",),
    "TH": ("Kingdom of Thailand", "ประเทศไทย"),
}


class CountryProblem(ValueError):
    """Not a country of the plan; the message says what would be accepted."""


def folded(text: str) -> str:
    """``text`` compared without case, spacing or the dots and marks people vary."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum() or unicodedata.category(ch).startswith("M"))


@cache
def _names(extra_language: str) -> dict[str, str]:
    """Folded name or code -> country code, for every language in ``NAME_LANGUAGES``."""
    found: dict[str, str] = {}
    for language in (*NAME_LANGUAGES, extra_language):
        territories = Locale.parse(language).territories
        for code in COUNTRY_CODES:
            if code in territories:
                name = territories[code]
                found.setdefault(folded(name), code)
                found.setdefault(folded(name.split("(")[0]), code)  # "Myanmar (Burma)"

    for code in COUNTRY_CODES:
        found[folded(code)] = code
        for name in (ASEAN_ENGLISH_NAMES.get(code, ""), *_MORE_NAMES.get(code, ())):
            if name:
                found.setdefault(folded(name), code)
    found.pop("", None)
    return found


def parse_country(raw: object, locale: Locale) -> str:
    """The ISO code of the plan's country ``raw`` names; ``CountryProblem`` if none."""
    text = " ".join(str(raw).split())
    code = _names(str(locale)).get(folded(text))
    if code is None:
        raise CountryProblem(
            _(
                "“{value}” is not one of the plan's countries; use a country's code "
                "(e.g. VN, KH) or its name in English, Chinese or its own language"
            ).format(value=text)
        )
    return code


def parse_countries(raw: object, locale: Locale) -> str:
    """Several countries (separated by commas, semicolons or new lines) as codes."""
    parts = [p for p in str(raw).replace(";", ",").replace("、", ",").replace("\n", ",").split(",")]
    words = [p.strip() for p in parts if p.strip()]
    if len(words) == 1 and " " in words[0]:  # "VN KH LA": codes separated by spaces
        spaced = words[0].split()
        if all(folded(w).upper() in COUNTRY_CODES for w in spaced):
            words = spaced
    return " ".join(sorted({parse_country(word, locale) for word in words}))
