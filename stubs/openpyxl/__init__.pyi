# The part of openpyxl's API the program calls (openpyxl ships no types).
from pathlib import Path
from typing import Any

def load_workbook(
    filename: str | Path,
    read_only: bool = ...,
    keep_vba: bool = ...,
    data_only: bool = ...,
    keep_links: bool = ...,
    rich_text: bool = ...,
) -> Any: ...
