"""Compile the gettext catalogues (``.po``) to ``.mo``: the one place both builds do it.

setup.py compiles the copies in the built wheel, build.spec the copies it
bundles, so no build ever ships a stale ``.mo`` (none is committed).
"""

from __future__ import annotations

from pathlib import Path


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
