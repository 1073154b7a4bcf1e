"""The bounds a package file must keep: the guard checks them, the scanners count against them.

Their own module, so that the guard (``guard.py``) and the XML scanners
(``xml_scan.py``) both import them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.sync.layout import columns_of, kinds_in_order

MB = 1024 * 1024


@dataclass(frozen=True)
class PackageLimits:
    """The bounds a package file must keep (tests lower them)."""

    max_file_bytes: int = 200 * MB
    max_entries: int = 500
    max_directory_bytes: int = 1 * MB
    max_entry_bytes: int = 256 * MB  # one worksheet part, as inflated
    max_other_part_bytes: int = 32 * MB  # styles, workbook, relations, ...
    max_total_bytes: int = 512 * MB
    max_ratio: int = 100  # inflated / compressed, per entry
    ratio_floor_bytes: int = 1 * MB  # small parts may compress better than max_ratio
    max_shared_strings_bytes: int = 64 * MB  # openpyxl holds this part whole
    max_shared_strings: int = 1_000_000
    # The reader (calamine) loads a sheet whole into a dense grid of its used range, so the
    # range is capped, not only the cells present; the import then holds every sheet's
    # records until its one transaction. Measured on one sheet of activities (21 columns,
    # our widest): the import peaks at about 50 MB + 2.4 KB a row (150,000 rows: 421 MB),
    # and each record held costs about 1 KB. These caps keep an import within 300 MB.
    max_rows: int = 75_000  # per worksheet, counting its two header rows
    max_package_rows: int = 110_000  # all worksheets' rows together
    # The reader copies a shared string into every cell that refers to it.
    max_shared_text_bytes: int = 40 * MB  # shared text, counted once per cell referring to it
    max_columns: int = field(default_factory=lambda: widest_sheet())
    max_tag_bytes: int = 1 * MB


def widest_sheet() -> int:
    """The most columns a sheet of our layout has (a package's sheets never have more)."""
    return max(len(columns_of(kind)) for kind in kinds_in_order())


DEFAULT_LIMITS = PackageLimits()
