"""Why a package is refused: one error type, with every problem located."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import AcecError
from app.i18n import _


@dataclass(frozen=True)
class Located:
    """A problem at a place in a workbook (sheet/row/column may be unknown)."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    # The record a note is about, when it is about one (a row held back from an import);
    # keyword-only, so that a subclass's own fields keep their places.
    kind: str | None = field(default=None, kw_only=True)
    uid: str | None = field(default=None, kw_only=True)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                _("sheet {sheet}").format(sheet=self.sheet) if self.sheet else "",
                _("row {row}").format(row=self.row) if self.row else "",
                _("column {column}").format(column=self.column) if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


class PackageRefused(AcecError):
    """The package cannot be imported; nothing was changed."""

    def __init__(self, message: str, problems: list[Located] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
