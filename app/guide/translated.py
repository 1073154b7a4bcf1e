"""The guide in the current language, as HTML for a text browser (no Qt here).

Each English text of the source is looked up in the program's catalogue, so a
paragraph not yet translated is shown in English and the rest in the
language chosen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.guide.source import Block, Section

BOLD = re.compile(r"\*\*(.+?)\*\*")
CODE = re.compile(r"`(.+?)`")
# Pictures are stored about 800 pixels wide and shown narrower, so they stay
# sharp on a high-DPI screen.
IMAGE_WIDTH = 560


@dataclass(frozen=True)
class GuideContents:
    """One entry of the contents list: a section's key and its title, translated."""

    key: str
    title: str


@dataclass(frozen=True)
class TranslatedGuide:
    """The guide as HTML, and its contents."""

    html: str
    contents: tuple[GuideContents, ...]


def inline(text: str) -> str:
    """``text`` escaped for HTML, with its **labels** in bold and `names` in code type."""
    escaped = html.escape(text, quote=False)
    return CODE.sub(r"<code>\1</code>", BOLD.sub(r"<b>\1</b>", escaped))


def _blocks_html(blocks: tuple[Block, ...], translate: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "item" and not in_list:
            out.append("<ul>")
        elif block.kind != "item" and in_list:
            out.append("</ul>")
        in_list = block.kind == "item"
        text = inline(translate(block.text))
        if block.kind == "item":
            out.append(f"<li>{text}</li>")
        elif block.kind == "image":
            src = html.escape(block.image, quote=True)
            out.append(
                f'<p align="center"><img src="{src}" width="{IMAGE_WIDTH}"><br><i>{text}</i></p>'
            )
        else:
            out.append(f"<p>{text}</p>")
    if in_list:
        out.append("</ul>")
    return out


def translate_guide(
    sections: tuple[Section, ...], translate: Callable[[str], str]
) -> TranslatedGuide:
    """The guide's HTML: one heading with an anchor (its key) per section."""
    parts: list[str] = []
    contents: list[GuideContents] = []
    for section in sections:
        title = translate(section.title)
        contents.append(GuideContents(section.key, title))
        parts.append(f'<h2><a name="{section.key}"></a>{inline(title)}</h2>')
        parts.extend(_blocks_html(section.blocks, translate))
    return TranslatedGuide("\n".join(parts), tuple(contents))
