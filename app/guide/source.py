"""The guide's source format, read into sections of paragraphs, list items and pictures.

The file is a small, strict subset of Markdown, so that each paragraph is one
message for the translators:

- ``# Title {#key}`` starts a section; ``key`` is the main window's page key
  (``activity``, ``sync``, ...) or another name (``start``, ``exchange``).
- Lines up to a blank line form one paragraph (joined with single spaces).
- ``- text`` is one list item (a paragraph of its own for the translators).
- ``![caption](images/name.png)`` is a picture with its caption.
- ``<!-- ... -->`` on lines of their own is a note for the guide's writers.
- Within a text, ``**label**`` is a menu or button label, shown in bold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.shipped_data import resources_folder

HEADING = re.compile(r"^# (?P<title>.+?) \{#(?P<key>[a-z_]+)\}\s*$")
IMAGE = re.compile(r"^!\[(?P<caption>[^\]]+)\]\((?P<path>[^)\s]+)\)\s*$")
ITEM = re.compile(r"^- (?P<text>.+)$")


class GuideFormatError(ValueError):
    """The guide's source breaks its format (a writer's mistake, found by the tests)."""


@dataclass(frozen=True)
class Block:
    """One paragraph, list item or picture of a section, in English."""

    kind: str  # "paragraph", "item" or "image"
    text: str  # the paragraph, the item or the picture's caption
    line: int
    image: str = ""  # the picture's path, relative to the guide's folder


@dataclass(frozen=True)
class Section:
    """One section of the guide: the help of one page, or a walkthrough."""

    key: str
    title: str
    line: int
    blocks: tuple[Block, ...] = field(default=())

    def messages(self) -> Iterator[tuple[int, str]]:
        """The section's texts to translate, with their line numbers, title first."""
        yield self.line, self.title
        for block in self.blocks:
            yield block.line, block.text


def guide_folder() -> Path:
    """The folder holding the guide's source and its pictures."""
    return resources_folder() / "guide"


def guide_file() -> Path:
    """The guide's English source."""
    return guide_folder() / "guide.md"


def _lines_outside_notes(text: str) -> Iterator[tuple[int, str]]:
    """Each stripped line with its number, leaving out ``<!-- notes -->`` for the writers."""
    in_note = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_note or line.startswith("<!--"):
            in_note = not line.endswith("-->")
            continue
        yield number, line


def parse_guide(text: str) -> tuple[Section, ...]:
    """The sections of the guide's source ``text``."""
    sections: list[Section] = []
    blocks: list[Block] = []
    lines: list[str] = []
    first_line = 0

    def end_paragraph() -> None:
        if lines:
            blocks.append(Block("paragraph", " ".join(lines), first_line))
            lines.clear()

    def end_section() -> None:
        end_paragraph()
        if sections:
            last = sections.pop()
            sections.append(Section(last.key, last.title, last.line, tuple(blocks)))
        blocks.clear()

    for number, line in _lines_outside_notes(text):
        if not line:
            end_paragraph()
        elif line.startswith("#"):
            end_section()
            sections.append(_heading(line, number, sections))
        elif not sections:
            raise GuideFormatError(f"line {number}: text before the first section heading")
        elif image := IMAGE.match(line):
            end_paragraph()
            blocks.append(Block("image", image["caption"], number, image["path"]))
        elif item := ITEM.match(line):
            end_paragraph()
            blocks.append(Block("item", item["text"].strip(), number))
        else:
            if not lines:
                first_line = number
            lines.append(line)
    end_section()
    return tuple(sections)


def _heading(line: str, number: int, sections: list[Section]) -> Section:
    match = HEADING.match(line)
    if match is None:
        raise GuideFormatError(f"line {number}: a heading is '# Title {{#key}}'")
    if any(s.key == match["key"] for s in sections):
        raise GuideFormatError(f"line {number}: section key {match['key']!r} used twice")
    return Section(match["key"], match["title"], number)


def read_guide() -> tuple[Section, ...]:
    """The shipped guide's sections, in English."""
    return parse_guide(guide_file().read_text(encoding="utf-8"))
