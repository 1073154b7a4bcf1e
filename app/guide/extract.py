"""Babel extraction of the guide: each title, paragraph, list item and caption is a message.

Named in ``babel.cfg`` (``[extractors]``: ``acec_guide = app.guide.extract:extract_guide``), so
``scripts/update_translations.sh`` puts the guide into ``messages.pot`` with
the program's other messages.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from app.guide.source import parse_guide

NOTE = (
    "User guide, section “{title}”. Keep **bold** labels as this program's own "
    "translation of that menu or button label."
)


def extract_guide(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any] | Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel's extraction interface: (line, function, message, comments) per text."""
    encoding = str(options.get("encoding", "utf-8"))
    for section in parse_guide(fileobj.read().decode(encoding)):
        note = NOTE.format(title=section.title)
        for line, text in section.messages():
            yield line, None, text, [note]
