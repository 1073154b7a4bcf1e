import datetime
from typing import Any

from xlsxwriter.format import Format

_Cell = int
_Fmt = Format | None

class Worksheet:
    def write_string(self, row: _Cell, col: _Cell, string: str, cell_format: _Fmt = ...) -> int: ...
    def write_number(
        self, row: _Cell, col: _Cell, number: float | int, cell_format: _Fmt = ...
    ) -> int: ...
    def write_boolean(self, row: _Cell, col: _Cell, boolean: bool, cell_format: _Fmt = ...) -> int: ...
    def write_blank(self, row: _Cell, col: _Cell, blank: Any, cell_format: _Fmt = ...) -> int: ...
    def write_datetime(
        self,
        row: _Cell,
        col: _Cell,
        date: datetime.datetime | datetime.date | datetime.time,
        cell_format: _Fmt = ...,
    ) -> int: ...
    def write_formula(
        self, row: _Cell, col: _Cell, formula: str, cell_format: _Fmt = ..., value: Any = ...
    ) -> int: ...
    def write_url(
        self,
        row: _Cell,
        col: _Cell,
        url: str,
        cell_format: _Fmt = ...,
        string: str | None = ...,
        tip: str | None = ...,
    ) -> int: ...
    def merge_range(
        self,
        first_row: _Cell,
        first_col: _Cell,
        last_row: _Cell,
        last_col: _Cell,
        data: Any,
        cell_format: _Fmt = ...,
    ) -> int: ...
    def set_column(
        self,
        first_col: _Cell,
        last_col: _Cell,
        width: float | None = ...,
        cell_format: _Fmt = ...,
        options: dict[str, Any] | None = ...,
    ) -> int: ...
    def set_row(
        self,
        row: _Cell,
        height: float | None = ...,
        cell_format: _Fmt = ...,
        options: dict[str, Any] | None = ...,
    ) -> int: ...
    def freeze_panes(
        self, row: _Cell, col: _Cell, top_row: int | None = ..., left_col: int | None = ...
    ) -> None: ...
    def autofilter(
        self, first_row: _Cell, first_col: _Cell, last_row: _Cell, last_col: _Cell
    ) -> None: ...
    def data_validation(
        self,
        first_row: _Cell,
        first_col: _Cell,
        last_row: _Cell,
        last_col: _Cell,
        options: dict[str, Any] | None = ...,
    ) -> int: ...
    def repeat_rows(self, first_row: _Cell, last_row: _Cell | None = ...) -> None: ...
    def fit_to_pages(self, width: int, height: int) -> None: ...
    def set_landscape(self) -> None: ...
    def set_portrait(self) -> None: ...
    def set_paper(self, paper_size: int) -> None: ...
    def hide(self) -> None: ...
    def activate(self) -> None: ...
    def protect(self, password: str = ..., options: dict[str, Any] | None = ...) -> None: ...
