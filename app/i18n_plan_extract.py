"""A Babel extraction method for the plan's own texts (``resources/plan_*.json``).

The plan data carries English and Chinese only; every other language shows the
plan through the message catalogue (``app.models.plan_wording.localised`` asks
``_()`` for the English). This puts the English title of the plan, of each
area, item, milestone and target into ``messages.pot`` so that translators see
them beside the program's own texts. Registered in ``babel.cfg``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

# Babel's extractor result: (line number, function name, message, comments).
Extracted = tuple[int, str | None, str, list[str]]


def extract_plan(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Every English text of one plan file, each with a note saying what it names."""
    plan = json.loads(fileobj.read().decode("utf-8"))
    code = plan.get("code", "")
    yield from _text(plan, f"Title of the action plan {code}")
    for area in plan.get("areas", []):
        yield from _text(area, f"Plan {code}, title of area {area.get('code', '')}")
        for item in area.get("items", []):
            where = f"Plan {code}, item {item.get('code', '')}"
            yield from _text(item, f"{where}: title of the item")
            for milestone in item.get("milestones", []):
                yield from _text(milestone, f"{where}: milestone {milestone.get('code', '')}")
            for target in item.get("targets", []):
                yield from _text(target, f"{where}: target {target.get('code', '')}")


def _text(record: Mapping[str, Any], note: str) -> Iterator[Extracted]:
    english = record.get("title_en")
    if isinstance(english, str) and english.strip():
        yield 1, None, english, [note]
