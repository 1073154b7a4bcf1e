"""Every shipped catalogue is usable: it compiles and keeps each message's placeholders.

A translation that renamed ``{n}`` would raise KeyError when ``.format`` runs,
in front of a user; these tests catch it before a release.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import i18n

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
CATALOGUES = sorted(i18n.TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))


def _fields(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_translations_keep_their_placeholders(path: Path) -> None:
    with path.open("rb") as fh:
        catalog = read_po(fh)
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = set().union(*(_fields(i) for i in ids))
        for text in strings:
            if text and not _fields(text) <= allowed:
                wrong.append((ids[0], text))
    assert wrong == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_catalogue_loads_and_translates(path: Path) -> None:
    language = path.parent.parent.name
    i18n.set_locale(language)
    assert i18n._("Activities") != "Activities"
    assert i18n.country_name("VN")


def test_every_shipped_language_is_offered() -> None:
    offered = i18n.available_locales()
    assert offered[0] == "en"
    assert {p.parent.parent.name for p in CATALOGUES} == set(offered[1:])
