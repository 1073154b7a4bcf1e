"""The fonts the bundle carries so reports print every script of the region anywhere.

Noto Sans, Noto Sans CJK SC, Thai, Khmer, Lao and Myanmar (SIL Open Font
License 1.1) are copied into the bundle's ``fonts/`` folder with their
licence files; the program registers them at start
(app/reports/render_fonts.py). No font file is committed: the build takes
them from a folder, by default Debian's ``fonts-noto-core`` and
``fonts-noto-cjk`` (scripts/install.sh installs them), or from the folder
named by ``ACEC_FONTS_DIR`` (Windows and macOS builders: unpack the Noto
downloads there, with their OFL.txt).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FONTS_DIR_VARIABLE = "ACEC_FONTS_DIR"
DEBIAN_FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
)
DEBIAN_LICENCES = {
    "LICENSE-fonts-noto-core.txt": Path("/usr/share/doc/fonts-noto-core/copyright"),
    "LICENSE-fonts-noto-cjk.txt": Path("/usr/share/doc/fonts-noto-cjk/copyright"),
}
LICENCE_PATTERNS = ("OFL*.txt", "LICENSE*", "COPYING*")


@dataclass(frozen=True)
class WantedFont:
    """One face the reports need, and the file names it is published under."""

    family: str
    style: str
    file_names: tuple[str, ...]  # the first one found wins
    required: bool = True


def _faces(family: str, stem: str, styles: tuple[str, ...]) -> list[WantedFont]:
    return [
        WantedFont(family, style, (f"{stem}-{style}.ttf", f"{stem}-{style}.otf"))
        for style in styles
    ]


WANTED: list[WantedFont] = [
    *_faces("Noto Sans", "NotoSans", ("Regular", "Bold")),
    WantedFont("Noto Sans", "Italic", ("NotoSans-Italic.ttf",), required=False),
    WantedFont("Noto Sans", "BoldItalic", ("NotoSans-BoldItalic.ttf",), required=False),
    # Debian and the Noto CJK release ship every CJK language in one collection;
    # the release also has one OpenType file per language (the SC one suffices).
    WantedFont(
        "Noto Sans CJK SC", "Regular", ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf")
    ),
    WantedFont("Noto Sans CJK SC", "Bold", ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf")),
    *_faces("Noto Sans Thai", "NotoSansThai", ("Regular", "Bold")),
    *_faces("Noto Sans Khmer", "NotoSansKhmer", ("Regular", "Bold")),
    *_faces("Noto Sans Lao", "NotoSansLao", ("Regular", "Bold")),
    *_faces("Noto Sans Myanmar", "NotoSansMyanmar", ("Regular", "Bold")),
]


class FontsMissing(Exception):
    """The source folder lacks a face the reports need, or the fonts' licence."""


def font_source_folders() -> list[Path]:
    """Where the build looks for the fonts: ``$ACEC_FONTS_DIR``, else Debian's folders."""
    named = os.environ.get(FONTS_DIR_VARIABLE)
    return [Path(named)] if named else [p for p in DEBIAN_FONT_FOLDERS if p.is_dir()]


def _index(folders: list[Path]) -> dict[str, Path]:
    """Every file under ``folders`` by its name (the first folder wins)."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found.setdefault(path.name, path)
    return found


def find_font_files(folders: list[Path]) -> list[Path]:
    """The font files to bundle, each once; raises FontsMissing naming what is absent."""
    index = _index(folders)
    chosen: list[Path] = []
    missing = []
    for font in WANTED:
        path = next((index[n] for n in font.file_names if n in index), None)
        if path is None and font.required:
            missing.append(f"{font.family} {font.style} ({' or '.join(font.file_names)})")
        elif path is not None and path not in chosen:
            chosen.append(path)
    if missing:
        where = ", ".join(str(f) for f in folders) or "(no font folder found)"
        raise FontsMissing(
            f"These fonts are not in {where}: {'; '.join(missing)}. Install fonts-noto-core "
            f"and fonts-noto-cjk, or set {FONTS_DIR_VARIABLE} to a folder holding them."
        )
    return chosen


def find_licence_files(folders: list[Path]) -> dict[str, Path]:
    """The licence files to bundle, by the name they get in ``fonts/``."""
    if os.environ.get(FONTS_DIR_VARIABLE):
        found = {}
        for folder in folders:
            for pattern in LICENCE_PATTERNS:
                for path in sorted(folder.rglob(pattern)):
                    found.setdefault(f"{path.parent.name}-{path.name}", path)
    else:
        found = {name: path for name, path in DEBIAN_LICENCES.items() if path.is_file()}
    if not found:
        raise FontsMissing(
            f"No licence file (OFL.txt) found with the fonts in "
            f"{', '.join(str(f) for f in folders)}; the fonts may only be shipped with it."
        )
    return found


def bundle_fonts(target: Path) -> list[Path]:
    """Copy the fonts and their licences into ``target`` (the bundle's ``fonts/``)."""
    import shutil

    folders = font_source_folders()
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for path in find_font_files(folders):
        copied.append(Path(shutil.copyfile(path, target / path.name)))
    for name, path in find_licence_files(folders).items():
        copied.append(Path(shutil.copyfile(path, target / name)))
    return copied
