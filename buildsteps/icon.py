"""The program's icon for the bundle: PNG and ICO drawn from ``resources/icon.svg``.

One source (the SVG, also the window's icon at run time); the raster files
the executables and the Linux desktop entry need are drawn from it by Qt at
build time, so they are never committed and never drift.
"""

from __future__ import annotations

import os
from pathlib import Path

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw_icons(svg: Path, out_folder: Path) -> dict[str, Path]:
    """Write ``acec.png`` (256 px) and ``acec.ico`` (every size) into ``out_folder``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["acec-build"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"cannot read the icon {svg}")

    def image(size: int) -> QImage:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        renderer.render(painter)
        painter.end()
        return img

    out_folder.mkdir(parents=True, exist_ok=True)
    png = out_folder / "acec.png"
    if not image(256).save(str(png)):
        raise OSError(f"cannot write {png}")
    ico = out_folder / "acec.ico"
    _write_ico(ico, [_png_bytes(image(size)) for size in ICO_SIZES])
    del _app
    return {"png": png, "ico": ico}


def _png_bytes(img: object) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buffer, "PNG")  # type: ignore[attr-defined]
    return bytes(buffer.data().data())


def _write_ico(path: Path, pngs: list[bytes]) -> None:
    """An ICO file whose images are PNGs (Windows Vista and later read these)."""
    import struct

    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in zip(ICO_SIZES, pngs, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in the ICO format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    path.write_bytes(header + entries + blobs)
