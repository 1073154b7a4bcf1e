"""How much text the reader would hold for a workbook's shared strings.

calamine copies a shared string into every cell that refers to it, so a
small file whose one long string is referenced by every cell makes the
reader hold gigabytes (1 MB referenced by 300 cells: 300 MB). The guard
adds up, per cell, the length of the string it refers to, from the parts it
has already checked, and refuses the file above a bound.
"""

from __future__ import annotations

import re
import zipfile
from array import array
from collections.abc import Iterable
from xml.parsers import expat

SHARED_STRINGS = "xl/sharedstrings.xml"
_CHUNK = 1024 * 1024
# A cell of type "s" with its value: the guard has refused prefixed, commented and odd tags.
_SHARED_CELL = re.compile(rb"""<c\s[^>]*?\bt\s*=\s*["']s["'][^>]*>\s*<v>\s*(\d{1,10})\s*</v>""")
_SHARED_TAG = re.compile(rb"""<c\s[^>]*?\bt\s*=\s*["']s["']""")


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
    """The bytes of shared text the cells of ``sheets`` refer to, counted once per cell."""
    total = 0
    for name in sheets:
        with archive.open(name) as part:
            tail = b""
            while chunk := part.read(_CHUNK):
                body = tail + chunk
                cut = body.rfind(b"</c>") + len(b"</c>") if b"</c>" in body else 0
                total += _count(body[:cut], lengths)
                tail = body[cut:]
            total += _count(tail, lengths)
    return total


def _count(body: bytes, lengths: array[int]) -> int:
    found = _SHARED_CELL.findall(body)
    if len(found) != len(_SHARED_TAG.findall(body)):
        raise OddSharedCell()
    size = len(lengths)
    return sum(lengths[i] if i < size else 0 for i in map(int, found))
