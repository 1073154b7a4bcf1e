"""Whether a package file is byte for byte as exported, or was saved again.

After writing, the export puts a digest of the file's parts into the zip
comment. Excel and LibreOffice rewrite every part and drop the comment when
they save, so at import a missing or different stamp means "opened and saved
again". This is information for the officer only: what proves the content is
the signature over canonical values, which a re-save leaves intact.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

STAMP_PREFIX = b"ACEC parts sha256 "


def parts_digest(archive: zipfile.ZipFile) -> str:
    """A digest of every part's name, CRC-32 and size, from the central directory.

    Reading the directory costs nothing; the CRCs change whenever a part's
    bytes do.
    """
    h = hashlib.sha256()
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        h.update(f"{info.filename}\0{info.CRC:08x}\0{info.file_size}\n".encode())
    return h.hexdigest()


def stamp_file(path: Path) -> None:
    """Write the parts digest into the zip comment of a freshly exported package."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.comment = STAMP_PREFIX + parts_digest(archive).encode()


def file_as_exported(path: Path) -> bool:
    """True when the file's parts are exactly those the export wrote."""
    with zipfile.ZipFile(path) as archive:
        comment = archive.comment
        if not comment.startswith(STAMP_PREFIX):
            return False
        return comment[len(STAMP_PREFIX) :].decode("ascii", "replace") == parts_digest(archive)
