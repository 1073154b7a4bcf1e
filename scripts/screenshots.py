"""Write docs/screenshots/*.png from a fresh demo database of a focal-point office,
the smaller copies the user guide shows (resources/guide/images/), and the main
pages in the region's other languages (docs/screenshots/languages/LANG/), each
from a demo office of a country that speaks it.

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
    from app.ui.shell.application import choose_language, make_application
    from app.ui.shell.screenshots import (
        render_language_pages,
        render_pages,
        use_settings_folder,
        write_guide_pictures,
    )

    with tempfile.TemporaryDirectory() as tmp:
        use_settings_folder(Path(tmp))

        app = make_application("en")
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
        for lang, site in LANGUAGE_OFFICES.items():
            choose_language(app, lang)
            db = init_office(Path(tmp) / f"demo-{lang}.sqlite", site, demo=True)
            try:
                generate_demo(db, 600, 1)
                folder = ROOT / "docs" / "screenshots" / "languages" / lang
                for path in render_language_pages(db, folder):
                    print(path.relative_to(ROOT))
            finally:
                db.close()
    return 0


# A language, and the country whose office shows it.
LANGUAGE_OFFICES = {
    "zh_Hans_CN": "CN",
    "km": "KH",
    "lo": "LA",
    "my": "MM",
    "th": "TH",
    "fil": "PH",
    "vi": "VN",
    "id": "ID",
    "ms": "MY",
    "pt": "TL",
}


if __name__ == "__main__":
    sys.exit(main())
