"""The guide's source: one section per page, pictures inside the package, messages extracted."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.guide.source import GuideFormatError, guide_folder, parse_guide, read_guide
from app.guide.translated import translate_guide
from app.shipped_data import resources_folder

CHECKOUT = Path(__file__).resolve().parents[2]
# The pages of the main window (app/ui/shell/page_stack.PAGE_KEYS; not imported: no Qt here).
PAGE_KEYS = (
    "dashboard", "plan", "activity", "person", "green_envoy", "funding",
    "organisation", "rates", "sync", "review", "reports", "settings",
)  # fmt: skip


def _texts() -> list[str]:
    return [text for section in read_guide() for _line, text in section.messages()]


def test_a_section_for_every_page_and_the_two_walkthroughs() -> None:
    keys = [section.key for section in read_guide()]
    assert keys[0] == "start"
    assert set(keys) == {*PAGE_KEYS, "start", "exchange"}
    # The sections follow the navigation, the exchange walkthrough right after Sync.
    assert [k for k in keys if k in PAGE_KEYS] == list(PAGE_KEYS)
    assert keys.index("exchange") == keys.index("sync") + 1


def test_the_guide_is_short_and_every_text_is_a_plain_message() -> None:
    texts = _texts()
    assert 50 <= len(texts) <= 90
    for text in texts:
        assert "{" not in text and "%" not in text, text  # no placeholders for translators
        assert text.count("**") % 2 == 0, text  # every bold label closed
        assert "  " not in text and text == text.strip()


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def test_every_picture_the_guide_shows_is_in_the_package_and_small() -> None:
    folder = guide_folder()
    assert folder == resources_folder() / "guide"
    pictures = {b.image for s in read_guide() for b in s.blocks if b.kind == "image"}
    assert len(pictures) >= 10
    for picture in pictures:
        path = folder / picture
        assert path.is_file(), picture
        width, _height = _png_size(path)
        assert width <= 800 and path.stat().st_size < 150_000, picture
    # No picture lies there unused.
    assert {p.relative_to(folder).as_posix() for p in folder.glob("images/*")} == pictures


def test_the_source_format_is_checked() -> None:
    text = "<!-- note\nstill note -->\n# A {#a}\none\ntwo\n\n- item\n![Cap](images/x.png)\n"
    (section,) = parse_guide(text)
    assert (section.key, section.title, section.line) == ("a", "A", 3)
    assert [(b.kind, b.text, b.line, b.image) for b in section.blocks] == [
        ("paragraph", "one two", 4, ""),
        ("item", "item", 7, ""),
        ("image", "Cap", 8, "images/x.png"),
    ]
    with pytest.raises(GuideFormatError, match="line 1"):
        parse_guide("text first\n# A {#a}\n")
    with pytest.raises(GuideFormatError, match="line 2"):
        parse_guide("# A {#a}\n# No key\n")
    with pytest.raises(GuideFormatError, match="twice"):
        parse_guide("# A {#a}\n# B {#a}\n")


def test_translated_guide_escapes_text_and_marks_labels() -> None:
    sections = parse_guide("# Title {#a}\nPress **Save** if 1 < 2 & `acec` works.\n")
    guide = translate_guide(sections, lambda text: text.replace("Press", "Drücken"))
    assert "<p>Drücken <b>Save</b> if 1 &lt; 2 &amp; <code>acec</code> works.</p>" in guide.html
    assert '<a name="a"></a>' in guide.html
    assert [(c.key, c.title) for c in guide.contents] == [("a", "Title")]


def test_babel_extracts_every_paragraph_into_the_catalogue(tmp_path: Path) -> None:
    """The same command scripts/update_translations.sh runs, on this checkout."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg"]
        + ["-k", "N_", "--no-location", "-o", str(pot), "app", "resources"],
        cwd=CHECKOUT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as fh:
        catalog = read_po(fh)
    for text in _texts():
        assert text in catalog, text
    paragraph = catalog[_texts()[1]]
    assert any("User guide" in comment for comment in paragraph.auto_comments)
    # The program's own messages are still there beside the guide.
    assert "Activities" in catalog and "&User guide" in catalog
    # The script extracts through buildsteps.catalogues, whose inputs hold the guide.
    from buildsteps.catalogues import EXTRACT_INPUTS

    assert "resources" in EXTRACT_INPUTS
    assert (
        "buildsteps.catalogues extract"
        in (CHECKOUT / "scripts" / "update_translations.sh").read_text()
    )
