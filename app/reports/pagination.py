"""Where a laid-out report breaks into pages, decided by us rather than by Qt.

QTextDocument's own pagination moves single lines, so a table row whose cells
wrap is torn across two pages and a heading can end a page. Instead the
document is laid out once as one long strip and cut into *pieces* that must
each stay whole (a table row, a short paragraph, a heading, a chart, one line
of a long paragraph); a piece may also be glued to the next one (a heading to
what it heads, a table's header row to its first row). Each page is then one
slice of the strip, preceded by the table's header row when the page
continues a table.

Pure Python: the tests check the pages without painting them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PieceKind = Literal["heading", "block", "line", "chart", "row"]


@dataclass(frozen=True)
class Piece:
    """A horizontal band of the laid-out document that is never cut.

    ``top``/``bottom`` are document coordinates; ``tail`` is drawn below
    ``bottom`` when the piece ends a page (a row's lower border).
    """

    kind: PieceKind
    top: float
    bottom: float
    text: str = ""
    keep_with_next: bool = False
    break_before: bool = False
    table: int | None = None  # the table's number in the report, for rows
    row: int | None = None  # 0 is the header row
    header: tuple[float, float] | None = None  # the table's header band
    tail: float = 0.0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Page:
    """The pieces on one page and the bands of the document it shows."""

    pieces: list[Piece] = field(default_factory=list)
    header: tuple[float, float] | None = None  # a repeated table header, painted first

    @property
    def band(self) -> tuple[float, float]:
        """The document band from the first piece to the last (with its tail)."""
        return self.pieces[0].top, self.pieces[-1].bottom + self.pieces[-1].tail

    def height_with(self, extra: list[Piece]) -> float:
        """The height this page would need with ``extra`` pieces added."""
        pieces = self.pieces + extra
        first = pieces[0]
        header = self.header if self.pieces else _repeated_header(first)
        head = header[1] - header[0] if header else 0.0
        return head + pieces[-1].bottom + pieces[-1].tail - first.top


def _repeated_header(first: Piece) -> tuple[float, float] | None:
    """A page that starts inside a table shows the table's header row first."""
    if first.kind == "row" and first.row and first.header:
        return first.header
    return None


def _glued(pieces: list[Piece], start: int) -> int:
    """The index just past the pieces glued to ``pieces[start]``."""
    end = start + 1
    while end < len(pieces) and pieces[end - 1].keep_with_next:
        end += 1
    return end


def paginate(pieces: list[Piece], height: float) -> list[Page]:
    """Fill pages of ``height`` with ``pieces`` in order, never cutting one.

    Glued pieces go to the next page together; a group taller than a whole
    page is placed piece by piece instead (a piece taller than a page is
    cut by the page's clip, which only a giant chart or cell could need).
    """
    pages = [Page()]
    i = 0
    while i < len(pieces):
        end = _glued(pieces, i)
        group = pieces[i:end]
        page = pages[-1]
        if page.pieces and (group[0].break_before or page.height_with(group) > height):
            pages.append(Page())
            page = pages[-1]
        if page.height_with(group) > height:
            group = group[:1]  # too tall for any page: give up the glue
        if not page.pieces:
            page.header = _repeated_header(group[0])
        page.pieces.extend(group)
        i += len(group)
    return [p for p in pages if p.pieces] or [Page()]
