"""A copy of the user's own workbook with every problem marked where it is.

Each bad cell is coloured and carries a comment saying what is wrong and what
would be accepted; an "Errors" sheet lists every problem with a link to its
cell. The user's formatting, sheets and values are kept; the copy is owner-only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.errors import AcecError
from app.i18n import _
from app.private_files import create_private
from app.sync.errors import Located
from app.templates.cell_problem import CellProblem

MARK_COLOUR = "FFC7CE"  # Excel's own "bad" red
_AUTHOR = "ACEC Tracker"


def _as_text(cell: Any, text: str) -> None:
    """Put ``text`` in ``cell`` as text: never a formula, whatever it begins with."""
    cell.value = text
    cell.data_type = "s"


def _sheet_ref(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _mark_cells(book: Any, problems: Sequence[Located]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    by_cell: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for problem in problems:
        if problem.sheet is not None and problem.sheet in book.sheetnames and problem.row:
            letter = problem.letter if isinstance(problem, CellProblem) else None
            by_cell[(problem.sheet, problem.row, letter or "A")].append(problem.message)
    fill = PatternFill(fill_type="solid", start_color=MARK_COLOUR, end_color=MARK_COLOUR)
    for (title, row, letter), messages in by_cell.items():
        cell = book[title][f"{letter}{row}"]
        cell.fill = fill
        note = "\n".join(messages)
        if cell.comment is not None and cell.comment.author != _AUTHOR:
            note = cell.comment.text + "\n\n" + note  # the user's own note stays first
        comment = Comment(note, _AUTHOR)
        comment.width, comment.height = 320, 40 + 30 * len(messages)
        cell.comment = comment


def _errors_title(book: Any) -> str:
    base = _("Errors")[:28]
    title, n = base, 1
    while title in book.sheetnames:
        n += 1
        title = f"{base} {n}"
    return title


def _write_errors_sheet(book: Any, problems: Sequence[Located]) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet = book.create_sheet(_errors_title(book), 0)
    for col, header in enumerate((_("Sheet"), _("Row"), _("Column"), _("Problem")), start=1):
        _as_text(sheet.cell(row=1, column=col), header)
        sheet.cell(row=1, column=col).font = Font(bold=True)
    for number, problem in enumerate(problems, start=2):
        _as_text(sheet.cell(row=number, column=1), problem.sheet or "")
        if problem.row:
            sheet.cell(row=number, column=2, value=problem.row)
        _as_text(sheet.cell(row=number, column=3), problem.column or "")
        _as_text(sheet.cell(row=number, column=4), problem.message)
        letter = problem.letter if isinstance(problem, CellProblem) else None
        if problem.sheet is not None and problem.sheet in book.sheetnames and problem.row:
            cell = sheet.cell(row=number, column=4)
            target = f"{_sheet_ref(problem.sheet)}!{letter or 'A'}{problem.row}"
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
            cell.font = Font(color="0563C1", underline="single")
    for letter, width in zip("ABCD", (18, 7, 28, 100), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    book.active = 0


def write_marked_copy(source: Path, target: Path, problems: Sequence[Located]) -> Path:
    """Copy the workbook ``source`` to ``target`` with ``problems`` marked; ``AcecError`` if not."""
    from openpyxl import load_workbook

    if Path(source).resolve() == Path(target).resolve():
        raise AcecError(
            _("The marked copy must not replace the workbook itself; choose another name.")
        )
    try:
        book = load_workbook(source)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise AcecError(
            _("{file} cannot be read as a spreadsheet: {error}").format(file=source.name, error=exc)
        ) from exc
    _mark_cells(book, problems)
    _write_errors_sheet(book, problems)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        create_private(target)  # openpyxl rewrites it, keeping the owner-only mode
        book.save(target)
    except OSError as exc:
        raise AcecError(
            _(
                "Cannot write {file}: {error}. Close it in Excel if it is open, then try again."
            ).format(file=target, error=exc.strerror or exc)
        ) from exc
    return target
