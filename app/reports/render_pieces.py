"""The unbreakable pieces of a laid-out report QTextDocument (see pagination).

The builder marks each top-level block with its role (a block format
property); tables give one piece per row, measured from their cells' blocks.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextDocument, QTextFormat, QTextTable

from app.reports.pagination import Piece, PieceKind

ROLE_PROPERTY = QTextFormat.Property.UserProperty + 1
ROLE_HEADING, ROLE_TITLE, ROLE_TEXT, ROLE_CHART, ROLE_NOTE = 1, 2, 3, 4, 5
# A paragraph up to this many lines stays whole; a longer one may break
# between lines, keeping two lines together at either end.
KEEP_LINES = 6


def document_pieces(doc: QTextDocument, padding: float, border: float) -> list[Piece]:
    """Every piece of ``doc`` (laid out without pages), in reading order."""
    pieces: list[Piece] = []
    tables = 0
    it = doc.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if isinstance(frame, QTextTable):
            pieces.extend(_row_pieces(doc, frame, tables, padding, border))
            tables += 1
        elif frame is None:
            pieces.extend(_block_pieces(doc, it.currentBlock()))
        it += 1
    _glue_notes(pieces)
    return pieces


def _glue_notes(pieces: list[Piece]) -> None:
    """A table's note stays with its last row."""
    for i, piece in enumerate(pieces[1:], start=1):
        if piece.kind == "block" and piece.text == "\x00note" and pieces[i - 1].kind == "row":
            pieces[i - 1] = _with_glue(pieces[i - 1])


def _with_glue(piece: Piece) -> Piece:
    from dataclasses import replace

    return replace(piece, keep_with_next=True)


def _block_pieces(doc: QTextDocument, block: QTextBlock) -> list[Piece]:
    fmt = block.blockFormat()
    role = int(fmt.property(ROLE_PROPERTY) or 0)
    rect = doc.documentLayout().blockBoundingRect(block)
    if rect.height() <= 0 or (not role and not block.text()):  # Qt's block after a table
        return []
    brk = bool(fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    glue = role in (ROLE_HEADING, ROLE_TITLE)
    kind: PieceKind = "heading" if glue else "chart" if role == ROLE_CHART else "block"
    text = "\x00note" if role == ROLE_NOTE else block.text()
    layout = block.layout()
    if kind != "block" or layout.lineCount() <= KEEP_LINES:
        return [Piece(kind, rect.top(), rect.bottom(), text, glue, brk)]
    return _line_pieces(block, rect.top(), rect.bottom(), brk)


def _line_pieces(block: QTextBlock, top: float, bottom: float, brk: bool) -> list[Piece]:
    """A long paragraph breaks between lines, never leaving one line alone."""
    layout = block.layout()
    count = layout.lineCount()
    origin = layout.position().y() + top - layout.boundingRect().top()
    cuts = [top] + [origin + layout.lineAt(n).y() for n in range(1, count)] + [bottom]
    pieces = []
    for n in range(count):
        glue = n == 0 or n == count - 2
        pieces.append(Piece("line", cuts[n], cuts[n + 1], "", glue, brk and n == 0))
    return pieces


def _row_tops(doc: QTextDocument, table: QTextTable, padding: float, border: float) -> list[float]:
    layout = doc.documentLayout()
    tops = []
    for r in range(table.rows()):
        block = table.cellAt(r, 0).firstCursorPosition().block()
        tops.append(layout.blockBoundingRect(block).top() - padding - border)
    return tops


def _row_pieces(
    doc: QTextDocument, table: QTextTable, number: int, padding: float, border: float
) -> list[Piece]:
    """One piece per row; the header row is glued to the first row below it."""
    tops = _row_tops(doc, table, padding, border)
    tops.append(_last_row_bottom(doc, table, padding))
    header = (tops[0], tops[1]) if len(tops) > 2 else None
    pieces = []
    for r in range(table.rows()):
        text = table.cellAt(r, 0).firstCursorPosition().block().text()
        pieces.append(
            Piece(
                "row",
                tops[r],
                tops[r + 1],
                text,
                keep_with_next=r == 0,
                table=number,
                row=r,
                header=header,
                tail=border,
            )
        )
    return pieces


def _last_row_bottom(doc: QTextDocument, table: QTextTable, padding: float) -> float:
    """Where the last row's cells end (the frame's own rectangle reaches further)."""
    layout = doc.documentLayout()
    last = table.rows() - 1
    bottoms = [
        layout.blockBoundingRect(table.cellAt(last, c).lastCursorPosition().block()).bottom()
        for c in range(table.columns())
    ]
    return max(bottoms) + padding
