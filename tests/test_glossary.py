"""The plan's own terms are translated one way: translations/glossary.csv.

Each row gives a term in every language (an empty cell: not decided yet).
Wherever a catalogue has the term itself as a message (e.g. "Milestone" or
"Milestones"), its translation must contain the glossary's word.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import i18n

GLOSSARY = i18n.TRANSLATIONS_DIR / "glossary.csv"
COLUMNS = ["en", "zh_Hans_CN", "vi", "th", "id", "ms", "km", "lo", "my", "fil", "pt", "note"]
CATALOGUES = sorted(i18n.TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))


def _glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _forms(term: str) -> set[str]:
    """The term as a message: itself and its English plural, in any case."""
    plural = term[:-1] + "ies" if term.endswith("y") else term + "s"
    return {term.casefold(), plural.casefold()}


def test_the_glossary_has_the_plan_s_terms_in_english_and_chinese() -> None:
    rows = _glossary()
    terms = [row["en"] for row in rows]
    assert len(terms) == len(set(terms)) >= 24
    assert {"focal point", "joint secretariat", "green envoy", "milestone", "office"} <= set(terms)
    assert all(row["zh_Hans_CN"] for row in rows)
    assert {row["en"]: row["zh_Hans_CN"] for row in rows}["focal point"] == "国家联络点"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_catalogue_uses_the_glossary_s_terms(path: Path) -> None:
    language = path.parent.parent.name
    with path.open("rb") as fh:
        catalog = read_po(fh)
    by_id = {m.id.casefold(): m for m in catalog if isinstance(m.id, str) and m.id}
    wrong = []
    for row in _glossary():
        word = row.get(language, "")
        if not word:
            continue
        # "singular|plural" where the language inflects the term (planos de ação).
        words = [w.casefold() for w in word.split("|")]
        for form in _forms(row["en"]):
            message = by_id.get(form)
            text = message.string.casefold() if message and message.string else ""
            if text and not any(w in text for w in words):
                wrong.append(f"{message.id!r} → {message.string!r}, glossary: {word!r}")
    assert wrong == []


def test_the_check_would_see_a_wrong_word(tmp_path: Path) -> None:
    po = tmp_path / "vi" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Milestones"\nmsgstr "Các điểm quan trọng"\n',
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="Milestones"):
        test_catalogue_uses_the_glossary_s_terms(po)
