"""Part names inside a package, resolved exactly as the reader resolves them.

python-calamine (our reader) takes a workbook relationship's ``Target`` as
written: it strips a leading ``/`` or puts ``xl/`` in front, and looks the
result up case-insensitively (backslashes read as slashes) among the zip's
entry names; it neither percent-decodes, nor unescapes entities, nor
resolves ``..``. The guard must check the very entry the reader opens, so it
refuses every name or target where readers could differ: anything but plain
ASCII segments (no ``..``, ``.``, ``%``, ``&``, ``\\``, spaces, empty
segments), and a sheet stored anywhere but ``xl/worksheets/``. Excel,
LibreOffice and our exporter only ever write plain names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat

# A segment: letters, digits, _ - [ ], dots only between them (".rels" allowed).
_SEGMENT = r"[A-Za-z0-9_\-\[\]]*(?:\.[A-Za-z0-9_\-\[\]]+)+|[A-Za-z0-9_\-\[\]]+"
_PLAIN = re.compile(rf"(?:{_SEGMENT})(?:/(?:{_SEGMENT}))*/?")
WORKBOOK_PART = "xl/workbook.xml"
SHEET_FOLDER = "xl/worksheets/"
# The relationship types whose target the reader opens as a sheet.
_SHEET_TYPES = ("worksheet", "chartsheet", "dialogsheet")


def is_plain(name: str) -> bool:
    """True for a part name every reader spells the same way."""
    return _PLAIN.fullmatch(name) is not None


@dataclass(frozen=True)
class Relationship:
    rid: str
    kind: str  # the last segment of its Type, e.g. "worksheet"
    target: str  # as written (after XML parsing)

    @property
    def opens_a_sheet(self) -> bool:
        return self.kind in _SHEET_TYPES


def relationships(xml: bytes) -> list[Relationship]:
    """Every ``Relationship`` element of a relationships part (``ValueError`` if not XML)."""
    found: list[Relationship] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rsplit(":", 1)[-1] == "Relationship":
            kind = attrs.get("Type", "").rsplit("/", 1)[-1]
            found.append(Relationship(attrs.get("Id", ""), kind, attrs.get("Target", "")))

    _parse(xml, start)
    return found


def sheet_ids(xml: bytes) -> list[tuple[str, str]]:
    """(sheet name, relationship id) of each ``sheet`` element of the workbook part."""
    found: list[tuple[str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rsplit(":", 1)[-1] == "sheet":
            rid = next((v for k, v in attrs.items() if k.rsplit(":", 1)[-1] == "id"), "")
            found.append((attrs.get("name", ""), rid))

    _parse(xml, start)
    return found


def _parse(xml: bytes, start: Callable[[str, dict[str, str]], None]) -> None:
    # The guard has already refused DTDs and entity declarations in every part.
    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise ValueError(str(exc)) from None


def workbook_target_is_canonical(target: str) -> bool:
    """The package's main part must be where Excel puts it, spelled plainly."""
    return target in (WORKBOOK_PART, "/" + WORKBOOK_PART)


def resolve_sheet_target(target: str) -> str | None:
    """The entry name the reader opens for a workbook relationship; None when odd.

    Odd: not plain, or not a worksheet part in ``xl/worksheets/``.
    """
    resolved = target[1:] if target.startswith("/") else "xl/" + target
    if not is_plain(resolved) or resolved.endswith("/"):
        return None
    if not resolved.startswith(SHEET_FOLDER) or not resolved.lower().endswith(".xml"):
        return None
    if "/" in resolved[len(SHEET_FOLDER) :]:
        return None
    return resolved
