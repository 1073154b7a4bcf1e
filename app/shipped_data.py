"""Where the data shipped with the program lives: the plan, the countries, the catalogues.

They are packages of their own (``app.resources`` is the top-level
``resources/`` folder, ``app.translations`` the ``translations/`` folder; see
setup.py), so importlib.resources finds them the same way in a checkout, in an
installed wheel and in the PyInstaller bundle.
"""

from __future__ import annotations

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
