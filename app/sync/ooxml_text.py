"""Text in a workbook cell, escaped the OOXML way so that every reader gives it back.

OOXML stores a character XML cannot hold as ``_xHHHH_`` and a literal
``_xHHHH_`` with its underscore escaped (``_x005F_xHHHH_``). xlsxwriter
escapes matches one after another, so in ``_x005F_x0041_`` (two sequences
sharing an underscore) only the first is escaped and calamine reads
``_x005FA``. LibreOffice also decodes short forms such as ``_xa_`` (a line
feed). So every underscore that starts ``_x`` + one to four hex digits +
``_`` is escaped, including one that a control character's own escape would
complete.
"""

from __future__ import annotations

import re
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

_CONTROL = "\x00-\x08\x0b-\x1f\ufffe\uffff"  # what xlsxwriter writes as _xHHHH_ (tab and LF kept)
_TO_ESCAPE = re.compile(f"_(?=x[0-9A-Fa-f]{{1,4}}(?:_|[{_CONTROL}]))|[{_CONTROL}]")


def _escaped(match: re.Match[str]) -> str:
    found = match.group()
    return "_x005F_" if found == "_" else f"_x{ord(found):04X}_"


def escape_cell_text(text: str) -> str:
    """``text`` as written inside a cell's XML, before XML's own escaping."""
    if "_" not in text and text.isprintable():
        return text
    return _TO_ESCAPE.sub(_escaped, text)


class PackageSheet(Worksheet):
    """A worksheet writing cell text with ``escape_cell_text`` instead of xlsxwriter's escape."""

    @staticmethod
    def _escape_control_characters(data: Any) -> Any:
        return escape_cell_text(data) if isinstance(data, str) else data


class PackageBook(Workbook):
    """A workbook whose sheets are ``PackageSheet`` (xlsxwriter's documented subclass hook)."""

    worksheet_class = PackageSheet
