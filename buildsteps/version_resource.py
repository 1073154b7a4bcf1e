"""The Windows version resource (Explorer's "Details" tab) from ``app.__version__``.

PyInstaller reads it from a file of Python text (``EXE(version=...)``); we
write that file at build time so the version has one home.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = """# Written by buildsteps/version_resource.py at build time; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', {author!r}),
      StringStruct('FileDescription', {description!r}),
      StringStruct('FileVersion', {version!r}),
      StringStruct('InternalName', {name!r}),
      StringStruct('OriginalFilename', {exe!r}),
      StringStruct('ProductName', {name!r}),
      StringStruct('ProductVersion', {version!r}),
      StringStruct('LegalCopyright', 'Fonts: SIL Open Font License 1.1 (see fonts/)')])]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])])
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """``"0.1.0"`` → ``(0, 1, 0, 0)``; a suffix such as ``rc1`` or ``.dev2`` is dropped."""
    match = re.match(r"\d+(?:\.\d+){0,3}", version)
    if match is None:
        raise ValueError(f"the version {version!r} does not start with a number")
    numbers = [int(n) for n in match.group().split(".")] + [0, 0, 0]
    return numbers[0], numbers[1], numbers[2], numbers[3]


def write_version_file(path: Path, *, version: str, name: str, author: str, exe: str) -> Path:
    """Write the resource for ``exe`` to ``path`` and return it."""
    text = TEMPLATE.format(
        numbers=version_numbers(version),
        version=version,
        name=name,
        author=author,
        exe=exe,
        description=f"{name}: the China–ASEAN environmental cooperation plan, offline",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
