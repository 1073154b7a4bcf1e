"""The Linux desktop entry (``.desktop``) shipped in the bundle's folder.

Its Exec and Icon lines need absolute paths, which only the machine the
folder is copied to knows, so the bundle carries a template and the
``install-desktop-entry.sh`` beside it fills them in for the user.
"""

from __future__ import annotations

from pathlib import Path

ENTRY = """[Desktop Entry]
Type=Application
Version=1.5
Name={name}
GenericName=Action plan tracker
Comment=The China–ASEAN environmental cooperation plan, offline
Exec="@FOLDER@/{exe}" %f
Icon=@FOLDER@/acec.png
Terminal=false
Categories=Office;
StartupWMClass={exe}
"""

INSTALLER = """#!/bin/sh
# Adds {name} to this user's application menu (run it again after moving the folder).
set -e
folder="$(cd "$(dirname "$0")" && pwd)"
target="${{XDG_DATA_HOME:-$HOME/.local/share}}/applications"
mkdir -p "$target"
sed "s|@FOLDER@|$folder|g" "$folder/acec-tracker.desktop" > "$target/acec-tracker.desktop"
echo "Added $target/acec-tracker.desktop"
"""


def write_desktop_files(folder: Path, *, name: str, exe: str) -> list[Path]:
    """Write the entry template and its installer into ``folder``; return both."""
    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / "acec-tracker.desktop"
    entry.write_text(ENTRY.format(name=name, exe=exe), encoding="utf-8")
    installer = folder / "install-desktop-entry.sh"
    installer.write_text(INSTALLER.format(name=name), encoding="utf-8")
    installer.chmod(0o755)
    return [entry, installer]
