"""Where the data shipped with the program lives: the plan, the countries, the catalogues.

They are packages of their own (``app.resources`` is the top-level
``resources/`` folder, ``app.translations`` the ``translations/`` folder; see
setup.py), so importlib.resources finds them the same way in a checkout, in an
installed wheel and in the PyInstaller bundle. The report fonts ship only in
the bundle (build.spec puts them in a ``fonts/`` folder beside the program's
files); a checkout or a wheel uses the system's.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    folder = files(package)
    # We always ship as plain files (never a zip import), and callers glob them.
    return Path(str(folder))


def resources_folder() -> Path:
    """The folder holding the plan and country data (``resources/``)."""
    return _folder("app.resources")


def translations_folder() -> Path:
    """The folder holding the gettext catalogues (``translations/``)."""
    return _folder("app.translations")


def icon_file() -> Path:
    """The program's icon (an SVG; the bundle also carries PNG and ICO drawn from it)."""
    return resources_folder() / "icon.svg"


def bundled_fonts_folder() -> Path | None:
    """The bundle's ``fonts/`` folder (beside the program's files), or None outside a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    if bundle is None:
        return None
    folder = Path(bundle) / "fonts"
    return folder if folder.is_dir() else None
