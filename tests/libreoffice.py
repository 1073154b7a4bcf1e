"""LibreOffice Calc, run headless as a user's re-save would be (tests skip without it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
XLSX = "xlsx:Calc MS Excel 2007 XML"


def convert(source: Path, out: Path, target: str = XLSX, profile: Path | None = None) -> Path:
    """``source`` converted into the folder ``out`` (made here); returns ``out``.

    Each call has its own user profile (``profile``, or one beside ``out``), so
    runs never share LibreOffice's settings or lock.
    """
    assert LIBREOFFICE is not None
    out.mkdir(parents=True, exist_ok=True)
    profile = profile or out.with_name(out.name + "-profile")
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out
