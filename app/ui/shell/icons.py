"""Icons: the bundled Tabler SVGs (tinted to the palette) and a few drawn ones.

Every page and action names its icon here, by meaning (``icon("save")``), so
that one place says which picture stands for what. The SVGs live in
``resources/icons/`` (``app.resources`` once installed) with their MIT
licence; they draw their strokes in ``currentColor``, which is replaced by the
palette's text colour when the icon is painted, so they suit a dark theme as
well as a light one and are drawn anew at every size (sharp at high DPI).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QStyle

from app.shipped_data import resources_folder

# What each icon means -> its Tabler file (resources/icons/NAME.svg).
ICON_FILES: dict[str, str] = {
    # the pages of the main window (page_stack.PAGES names these)
    "dashboard": "layout-dashboard",
    "plan": "list-tree",
    "activity": "calendar-event",
    "person": "users",
    "green_envoy": "leaf",
    "funding": "coin",
    "organisation": "building",
    "rates": "arrows-exchange",
    "sync": "arrows-transfer-up-down",
    "review": "clipboard-check",
    "reports": "report-analytics",
    "settings": "settings",
    # actions
    "new": "file-plus",
    "save": "device-floppy",
    "delete": "trash",
    "find": "search",
    "import": "file-import",
    "export": "file-export",
    "export_list": "table-export",
    "print": "printer",
    "undo": "arrow-back-up",
    "redo": "arrow-forward-up",
    "open": "folder-open",
    "quit": "logout",
    "help": "help-circle",
    "guide": "book",
    "about": "info-circle",
    "calendar": "calendar",
    "clear": "x",
    "back": "arrow-left",
}


def icons_folder() -> str:
    """The folder of the bundled SVG icons (and their LICENSE)."""
    return str(resources_folder() / "icons")


def standard(name: str) -> QIcon:
    """A QStyle standard icon by its enum name, e.g. ``SP_MessageBoxWarning``."""
    return QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, name))


@cache
def _svg_text(meaning: str) -> bytes:
    path = resources_folder() / "icons" / f"{ICON_FILES[meaning]}.svg"
    return path.read_bytes()


def _colour(mode: QIcon.Mode) -> QColor:
    """The palette colour an icon is drawn in, for its mode (greyed when disabled)."""
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.WindowText)


class SvgIconEngine(QIconEngine):
    """Draws one SVG at the size asked, in the palette's colour for the mode."""

    def __init__(self, meaning: str) -> None:
        super().__init__()
        self.meaning = meaning
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = _colour(mode).name()
        renderer = self._renderers.get(colour)
        if renderer is None:
            svg = _svg_text(self.meaning).replace(b"currentColor", colour.encode("ascii"))
            renderer = QSvgRenderer(QByteArray(svg))
            self._renderers[colour] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pix = QPixmap(size * scale)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(pix.rect()))
        painter.end()
        pix.setDevicePixelRatio(scale)
        return pix

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.meaning)

    def key(self) -> str:
        return "acec-svg"


def icon(meaning: str) -> QIcon:
    """The icon for a page or action by its meaning (a key of ``ICON_FILES``)."""
    if meaning not in ICON_FILES:
        raise KeyError(meaning)
    return QIcon(SvgIconEngine(meaning))


@cache
def lock_icon() -> QIcon:
    """A small padlock, drawn at two resolutions so it stays crisp on high-DPI screens."""
    drawn = QIcon()
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
        drawn.addPixmap(pix)
    return drawn


@cache
def dot_icon(rgb: str) -> QIcon:
    """A filled circle in a colour (milestone states)."""
    drawn = QIcon()
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
        drawn.addPixmap(pix)
    return drawn
