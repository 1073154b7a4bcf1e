"""Write docs/screenshots/*.png from a fresh demo database of a focal-point office,
and the smaller copies the user guide shows (resources/guide/images/).

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from app.demo import generate_demo
    from app.services.office import init_office
    from app.ui.shell.application import make_application
    from app.ui.shell.screenshots import (
        render_pages,
        use_settings_folder,
        write_guide_pictures,
    )

    with tempfile.TemporaryDirectory() as tmp:
        use_settings_folder(Path(tmp))

        make_application("en")
        db = init_office(
            Path(tmp) / "demo.sqlite", "VN", "Viet Nam Environment Administration", demo=True
        )
        try:
            generate_demo(db, 3000, 1)
            for path in render_pages(db, ROOT / "docs" / "screenshots"):
                print(path.relative_to(ROOT))
            for path in write_guide_pictures(
                ROOT / "docs" / "screenshots", ROOT / "resources" / "guide"
            ):
                print(path.relative_to(ROOT))
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
