"""A report as a document: title lines, sections, typed tables and charts.

Report modules turn their numbers into a ``ReportDocument`` while the report's
language is chosen, so every text and every formatted number in it is already
in that language. Renderers (PDF, printer, xlsx) only lay it out: a table cell
keeps its raw value (for Excel number formats) beside its display text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

# "year" is a calendar year (a number shown without a thousands separator, laid out
# like text); "rate" an exchange rate (shown with enough significant digits).
CellKind = Literal["text", "int", "decimal", "money", "percent", "date", "year", "rate"]
CellValue = str | int | Decimal | float | dt.date | None
NUMERIC_KINDS: frozenset[str] = frozenset({"int", "decimal", "money", "percent", "rate"})


@dataclass(frozen=True)
class Column:
    """A table column: its header and what kind of value it holds."""

    header: str
    kind: CellKind = "text"
    currency: str | None = None  # for money columns

    @property
    def numeric(self) -> bool:
        """True when the column holds numbers (right-aligned, number formats)."""
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Cell:
    """One value with its display text in the report's language.

    ``currency`` is set on an amount whose currency differs from row to row
    (the column's ``currency`` is used otherwise), so Excel shows its decimals.
    """

    value: CellValue
    text: str
    currency: str | None = None


@dataclass
class Table:
    """Rows of cells under typed columns; ``total_rows`` last rows are totals."""

    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    total_rows: int = 0
    note: str = ""


@dataclass(frozen=True)
class Series:
    """One named series of values, one per chart label."""

    name: str
    values: tuple[float, ...]


@dataclass
class Chart:
    """A bar chart (one or more series) or a pie chart (the first series)."""

    kind: Literal["bar", "pie"]
    title: str
    labels: list[str]
    series: list[Series]
    value_texts: list[list[str]] = field(default_factory=list)  # formatted, per series


@dataclass
class Paragraph:
    """A line of running text; ``emphasis`` for a status line."""

    text: str
    emphasis: bool = False


Block = Table | Chart | Paragraph


@dataclass
class Section:
    """A heading and what follows it, in order."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1
    new_page: bool = False


@dataclass
class ReportDocument:
    """A whole report, ready for any renderer."""

    kind: str
    locale: str  # the Babel locale it was written in, e.g. "zh_Hans_CN"
    title: str
    title_lines: list[str]  # office, plan, period, date of production
    header: str  # running page header
    page_label: str  # "Page {page} of {pages}", already translated
    sections: list[Section] = field(default_factory=list)

    def tables(self) -> list[Table]:
        """Every table of the report, in reading order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        """Every chart of the report, in reading order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]
