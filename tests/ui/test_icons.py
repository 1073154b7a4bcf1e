"""Icons: every page and action has one, drawn from the bundled SVGs, in the palette's colour."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.shipped_data import resources_folder
from app.ui.shell.icons import ICON_FILES, icon
from app.ui.shell.main_window import MainWindow
from app.ui.shell.page_stack import PAGES
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _drawn_pixels(ic: QIcon, size: int = 32, mode: QIcon.Mode = QIcon.Mode.Normal) -> list[QColor]:
    image = ic.pixmap(QSize(size, size), 1.0, mode).toImage()
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128
    ]


def test_every_icon_file_is_a_valid_svg_in_the_package() -> None:
    folder = resources_folder() / "icons"
    for meaning, name in ICON_FILES.items():
        path = folder / f"{name}.svg"
        assert path.is_file(), meaning
        assert QSvgRenderer(str(path)).isValid(), meaning
    # Only the icons in use are copied, with their licence and source.
    assert {p.stem for p in folder.glob("*.svg")} == set(ICON_FILES.values())
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Paweł Kuna" in licence
    assert "Tabler Icons 3.52.0" in (folder / "README.md").read_text(encoding="utf-8")


def test_every_page_and_action_has_an_icon(qtbot, db) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    for row, (key, _label, _icon) in enumerate(PAGES):
        assert _drawn_pixels(window.nav.item(row).icon()), key
    actions = {
        "new": window.new_action,
        "save": window.save_action,
        "delete": window.delete_action,
        "find": window.find_action,
        "import": window.import_action,
        "export": window.export_action,
        "print": window.print_action,
        "undo": window.undo_action,
        "redo": window.redo_action,
        "open": window.open_database_action,
        "quit": window.quit_action,
        "guide": window.guide_action,
        "help": window.page_help_action,
        "about": window.about_action,
    }
    for name, action in actions.items():
        assert not action.icon().isNull() and _drawn_pixels(action.icon()), name
    page = window.show_page("person")
    assert _drawn_pixels(page.new_button.icon())  # type: ignore[attr-defined]
    assert _drawn_pixels(page.editor.save_button.icon())  # type: ignore[attr-defined]


def test_icons_are_sharp_at_high_dpi_and_follow_the_palette(qapp: QApplication) -> None:
    save = icon("save")
    double = save.pixmap(QSize(24, 24), 2.0)
    assert (double.width(), double.height()) == (48, 48)  # drawn at 48, not scaled up
    assert double.devicePixelRatio() == 2.0
    original = QGuiApplication.palette()
    try:
        dark = QPalette(original)
        dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
        QGuiApplication.setPalette(dark)
        light_strokes = _drawn_pixels(icon("save"))
        assert light_strokes and all(c.lightness() > 200 for c in light_strokes)
        black = QPalette(original)
        black.setColor(QPalette.ColorRole.WindowText, QColor("#101010"))
        black.setColor(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#a0a0a0")
        )
        QGuiApplication.setPalette(black)
        assert all(c.lightness() < 60 for c in _drawn_pixels(icon("save")))
        disabled = _drawn_pixels(icon("save"), mode=QIcon.Mode.Disabled)
        assert disabled and all(c.lightness() > 120 for c in disabled)  # greyed
    finally:
        QGuiApplication.setPalette(original)
