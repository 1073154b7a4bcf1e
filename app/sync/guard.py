"""Checks a file from outside before any spreadsheet library reads it.

INTERFACE (filled in by the issue-4 work): size caps, zip entry count and
streamed uncompressed size, compression ratio, shared-strings bound, no
macros / external links / embedded objects, refuse non-xlsx by content,
formula cells in data sheets.
"""

from __future__ import annotations

from pathlib import Path


def check_package_file(path: Path) -> None:
    """Raise ``PackageRefused`` when ``path`` is not a safe .xlsx package file."""
    return None
