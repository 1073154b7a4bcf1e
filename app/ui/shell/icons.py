"""Icons: Qt's standard icons (crisp at any scale) and a few drawn ones."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle


def standard(name: str) -> QIcon:
    """A QStyle standard icon by its enum name, e.g. ``SP_DialogSaveButton``."""
    return QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, name))


@cache
def lock_icon() -> QIcon:
    """A small padlock, drawn at two resolutions so it stays crisp on high-DPI screens."""
    icon = QIcon()
    for size in (16, 32):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = size / 16
        colour = QColor(120, 120, 120)
        p.setPen(QPen(colour, 1.6 * s))
        path = QPainterPath()
        path.addRoundedRect(QRectF(5 * s, 2 * s, 6 * s, 8 * s), 3 * s, 3 * s)
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRoundedRect(QRectF(3 * s, 7 * s, 10 * s, 8 * s), 1.5 * s, 1.5 * s)
        p.end()
        icon.addPixmap(pix)
    return icon


@cache
def dot_icon(rgb: str) -> QIcon:
    """A filled circle in a colour (milestone states)."""
    icon = QIcon()
    for size in (16, 32):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(rgb))
        m = size * 0.2
        p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
        p.end()
        icon.addPixmap(pix)
    return icon
