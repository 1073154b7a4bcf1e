"""The plan's own texts (titles of the plan, areas, items, milestones, targets) in the current language."""

from __future__ import annotations

from app.i18n import _, current_locale


def localised(english: str, chinese: str | None) -> str:
    """A text of the plan data in the current language.

    The data carries English and Chinese: Chinese is shown from the data, every
    other language through the catalogue, where app/i18n_plan_extract.py puts
    the English of the shipped plans. A text no catalogue knows (a later plan
    received from the secretariat) stays English.
    """
    if chinese and current_locale().language == "zh":
        return chinese
    return _(english) if english else english
