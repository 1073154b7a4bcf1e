"""Every page renders offscreen to a PNG (scripts/screenshots.py keeps docs/screenshots current)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from app.demo import generate_demo
from app.ui.shell.screenshots import render_pages
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def test_every_page_renders(qtbot, db, tmp_path) -> None:
    generate_demo(db, 400, 2)
    written = render_pages(db, tmp_path / "shots")
    names = {p.name for p in written}
    assert {"dashboard.png", "activities.png", "activity_form.png", "people.png"} <= names
    assert {"funding.png", "wizard.png", "settings.png", "action_plan.png"} <= names
    assert "report_page.png" in names
    assert "guide.png" in names
    for path in written:
        image = QImage(str(path))
        assert image.width() > 300 and image.height() > 200, path.name
        # Not a blank picture: the page drew something.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 23)
        }
        assert len(colours) > 3, path.name
