"""The gettext catalogues: extract the messages, compile ``.po`` to ``.mo``.

The one place the build steps and the tests do it. setup.py compiles the
copies in the built wheel, build.spec the copies it bundles, so no build ever
ships a stale ``.mo`` (none is committed); ``run-tests.sh`` compiles the
checkout's so that the tests read what a build ships.
``scripts/update_translations.sh`` and tests/test_catalogues.py extract with
the same arguments, so the test finds a ``messages.pot`` that the script would
change.

    python -m buildsteps.catalogues extract OUT.pot
    python -m buildsteps.catalogues compile [FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The program's sources and the plan data (babel.cfg maps each to its extractor).
EXTRACT_INPUTS = ("app", "resources")


def extract_messages(output: Path) -> None:
    """Write every message of the program and of the plan data to ``output`` (a .pot)."""
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "N_",
            "--no-location",
            "--sort-output",
            "--project",
            "ACEC Tracker",
            "--copyright-holder",
            "ACEC Tracker developers",
            "-o",
            str(output),
            *(str(ROOT / name) for name in EXTRACT_INPUTS),
        ]
    )


def compile_catalogues(folder: Path) -> list[Path]:
    """Write ``X.mo`` beside every ``<lang>/LC_MESSAGES/X.po`` under ``folder``; return them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(mo)
    return written


def catalogue_languages(folder: Path) -> list[str]:
    """The languages that have a catalogue under ``folder`` (folder names, e.g. zh_Hans_CN)."""
    return sorted(p.parent.name for p in Path(folder).glob("*/LC_MESSAGES"))


def main(argv: list[str]) -> int:
    """The command line of this module (see the module's docstring)."""
    if len(argv) == 2 and argv[0] == "extract":
        extract_messages(Path(argv[1]))
        return 0
    if argv[:1] == ["compile"] and len(argv) <= 2:
        folder = Path(argv[1]) if len(argv) == 2 else ROOT / "translations"
        for mo in compile_catalogues(folder):
            print(f"compiled {mo.relative_to(folder)}")
        return 0
    print("usage:\n" + "\n".join(__doc__.strip().splitlines()[-2:]), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
