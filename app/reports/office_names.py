"""The office named on a report, in the report's language.

An office given no name (or one that kept the default name an earlier version
stored, in any language the program speaks) is named by its default name in
the report's language (``models.codes.default_office_name``: in Chinese the
plan's own 中国-东盟联合执行秘书处). An office name somebody typed is printed
as typed.
"""

from __future__ import annotations

from functools import lru_cache

from app.i18n import available_locales, translated_in
from app.models.codes import (
    SECRETARIAT,
    SECRETARIAT_OFFICE_NAME,
    default_office_name,
    shown_office_name,
)

# The English default of earlier versions, recognised in databases they made (its
# old translations are not: a database made in another language prints that name).
_EARLIER_DEFAULT = "ASEAN–China joint secretariat"  # recognised, never shown


@lru_cache(maxsize=1)
def _default_names() -> frozenset[str]:
    """Every default name of the secretariat, in every language the program speaks."""
    names = {SECRETARIAT_OFFICE_NAME, _EARLIER_DEFAULT}
    names.update(translated_in(SECRETARIAT_OFFICE_NAME, locale) for locale in available_locales())
    return frozenset(name.casefold() for name in names)


def office_title(site: str, office_name: str) -> str:
    """``office_name`` as a report in the current language prints it."""
    if site == SECRETARIAT and office_name.strip().casefold() in _default_names():
        return default_office_name(site)
    return shown_office_name(site, office_name)
