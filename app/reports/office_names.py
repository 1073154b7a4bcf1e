"""The office named on a report, in the report's language.

The secretariat's database keeps the name it was given at ``init``, by default
the English one (or its translation in the language ``init`` ran in). A report
written in another language names the secretariat in that language instead;
in Chinese with the name of the plan's own Chinese text, as the plan's titles
are. An office name somebody typed is printed as typed.
"""

from __future__ import annotations

from functools import lru_cache

from app.i18n import N_, _, available_locales, current_locale, translated_in
from app.models.codes import SECRETARIAT

SECRETARIAT_NAME = N_("China–ASEAN joint secretariat")
# 中国-东盟环境合作联合秘书处: the joint secretariat (联合执行秘书处, plan 1.2) of
# China–ASEAN environmental cooperation, as the plan's Chinese text names it.
SECRETARIAT_NAME_ZH = "中国-东盟环境合作联合秘书处"
# Defaults of earlier versions, recognised in databases they made.
_EARLIER_DEFAULTS = (N_("ASEAN–China joint secretariat"),)


@lru_cache(maxsize=1)
def _default_names() -> frozenset[str]:
    """Every default name of the secretariat, in every language the program speaks."""
    english = (SECRETARIAT_NAME, *_EARLIER_DEFAULTS)
    names = {SECRETARIAT_NAME_ZH, *english}
    for locale in available_locales():
        names.update(translated_in(message, locale) for message in english)
    return frozenset(name.casefold() for name in names)


def office_title(site: str, office_name: str) -> str:
    """``office_name`` as a report in the current language prints it."""
    if site == SECRETARIAT and office_name.strip().casefold() in _default_names():
        if current_locale().language == "zh":
            return SECRETARIAT_NAME_ZH
        return _(SECRETARIAT_NAME)
    return office_name
