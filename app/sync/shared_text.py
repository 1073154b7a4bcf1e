"""How much text the reader would hold for a workbook's shared strings.

calamine copies a shared string into every cell that refers to it, so a
small file whose one long string is referenced by every cell makes the
reader hold gigabytes (1 MB referenced by 300 cells: 300 MB). The guard
adds up, per cell, the length of the string it refers to, from the parts it
has already checked, and refuses the file above a bound.
"""

from __future__ import annotations

import zipfile
from array import array
from collections.abc import Iterable
from xml.parsers import expat

SHARED_STRINGS = "xl/sharedstrings.xml"
_CHUNK = 1024 * 1024


class OddSharedCell(ValueError):
    """A shared-string cell whose index is not written as plain digits."""


def string_lengths(archive: zipfile.ZipFile, name: str) -> array[int]:
    """The UTF-8 length of each ``si`` item of the shared strings part, in order."""
    lengths: array[int] = array("Q")
    depth = [0]

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rsplit(":", 1)[-1] == "si":
            lengths.append(0)
            depth[0] += 1

    def end(tag: str) -> None:
        if tag.rsplit(":", 1)[-1] == "si":
            depth[0] -= 1

    def text(data: str) -> None:
        if depth[0] and lengths:
            lengths[-1] += len(data.encode("utf-8"))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return lengths


def referenced_bytes(archive: zipfile.ZipFile, sheets: Iterable[str], lengths: array[int]) -> int:
    """The bytes of shared text the cells of ``sheets`` refer to, counted once per cell.

    Parsed as XML, not matched as text: an attribute may hold a ``>`` (or be
    spelled in ways a pattern misses), and the reader would still see the cell.
    """
    total = 0
    for name in sheets:
        counter = _SharedCells(lengths)
        with archive.open(name) as part:
            while chunk := part.read(_CHUNK):
                counter.parser.Parse(chunk, False)
        counter.parser.Parse(b"", True)
        total += counter.total
    return total


class _SharedCells:
    """Adds up, while a sheet is parsed, the shared text each ``t="s"`` cell refers to."""

    def __init__(self, lengths: array[int]) -> None:
        self.lengths = lengths
        self.total = 0
        self._shared = False  # inside a cell of type "s"
        self._value: list[str] | None = None  # the text of its <v>, while inside it
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local == "c":
            self._shared = attrs.get("t", "").strip() == "s"
        elif local == "v" and self._shared:
            self._value = []

    def _text(self, data: str) -> None:
        if self._value is not None:
            self._value.append(data)

    def _end(self, tag: str) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local == "v" and self._value is not None:
            index = "".join(self._value).strip()
            self._value = None
            if not index.isdigit() or len(index) > 10:
                raise OddSharedCell()
            if int(index) < len(self.lengths):
                self.total += self.lengths[int(index)]
        elif local == "c":
            self._shared = False
