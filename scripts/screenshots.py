"""Write docs/screenshots/*.png from a fresh demo database of a focal-point office,
the smaller copies the user guide shows (resources/guide/images/), and the main
pages in the region's other languages (docs/screenshots/languages/LANG/), each
from a demo office of a country that speaks it.

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from app.demo import generate_demo
    from app.services.office import init_office
    from app.sync.export import export_package
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
            # A package sent, so that the Sync page shows its history as in use.
            export_package(db, Path(tmp) / "to-secretariat.xlsx")
            for path in render_pages(db, ROOT / "docs" / "screenshots"):
                print(path.relative_to(ROOT))
            for path in write_guide_pictures(
                ROOT / "docs" / "screenshots", ROOT / "resources" / "guide"
            ):
                print(path.relative_to(ROOT))
        finally:
            db.close()
        for path in render_printed_pages(Path(tmp) / "demo.sqlite", Path(tmp)):
            print(path.relative_to(ROOT))
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


# The printed pages the README shows: (report, language, page, picture's name).
PRINTED_PAGES = [
    ("progress", "en", 1, "report_progress.png"),
    ("training", "en", 1, "report_training.png"),
    ("funding", "en", 1, "report_funding.png"),
    ("progress", "zh_Hans_CN", 1, "languages/zh_Hans_CN/report_progress.png"),
    ("training", "zh_Hans_CN", 2, "reports/training-zh_CN-page2.png"),
    ("training", "km", 1, "reports/training-km-page1.png"),
    ("funding", "en", 2, "reports/funding-en-page2.png"),
]


def render_printed_pages(database: Path, tmp: Path) -> list[Path]:
    """Print reports as users do (``acec report``) and picture one page of each (pdftoppm)."""
    written = []
    shots = ROOT / "docs" / "screenshots"
    for kind, lang, page, name in PRINTED_PAGES:
        pdf = tmp / f"{kind}-{lang}.pdf"
        if not pdf.exists():
            command = [sys.executable, "-m", "app", "--db", str(database), "--lang", lang]
            subprocess.run([*command, "report", kind, "--out", str(pdf)], check=True)
        target = shots / name
        target.parent.mkdir(parents=True, exist_ok=True)
        stem = target.with_suffix("")
        page_args = ["-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", *page_args, str(pdf), str(stem)], check=True
        )
        written.append(target)
    return written


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
