"""What the main window asks of its pages, beyond being a widget.

The window builds its pages lazily and must not import them up front (that
would load the database libraries before the window shows), so it asks
through these protocols instead of the pages' classes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class ImportingPage(Protocol):
    """A page that imports and exports sync packages (the Sync page)."""

    def start_import(self, path: Path | None = None) -> None: ...

    def start_export(self) -> None: ...


@runtime_checkable
class PrintingPage(Protocol):
    """A page that prints what it shows (the Reports page)."""

    def print_current(self) -> None: ...


@runtime_checkable
class LanguageChoosingPage(Protocol):
    """A page where the language is chosen (Settings), which can take it back."""

    def revert_language(self) -> None: ...
