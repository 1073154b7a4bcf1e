"""What text we accept: the rules every way into the database applies to typed text.

Records travel as Excel workbooks, and a workbook cannot keep every string:

- XML 1.0 cannot hold C0 control characters other than tab, LF and CR,
  nor U+FFFE, U+FFFF or lone surrogates. Such text is refused when typed.
- XML parsers turn CR LF into LF, and LibreOffice turns a lone CR into LF on
  a re-save, so line breaks are kept as LF whatever system typed them.
- OOXML reads ``_xHHHH_`` as an encoded character. Our writer escapes it so
  every reader gives the literal back, but LibreOffice re-encodes two such
  sequences sharing an underscore (``_x0041_x0042_``) as one, changing the
  text; that shape is refused when typed.

Text stored before these rules existed is made storable the same way at
export and in canonical form (unstorable characters become U+FFFD), so the
sending and the receiving office agree on what the record says.
"""

from __future__ import annotations

import re
import unicodedata

from app.i18n import _

REPLACEMENT = "\ufffd"
# The most characters a spreadsheet cell holds: a longer text could never be sent.
CELL_TEXT_LIMIT = 32_767
# Characters XML 1.0 cannot hold (CR is left to the line-break rule).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?")
_ENCODED_PAIR = re.compile("_x[0-9A-Fa-f]{4}_x[0-9A-Fa-f]{4}_")


def unstorable_problem(text: str, field: str) -> str | None:
    """Why ``text`` cannot be stored in ``field`` (a label), naming the character; or None."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    return _(
        "{field} contains a character that cannot be stored in Excel ({char}) "
        "at position {position}. Remove it and save again."
    ).format(field=field, char=f"U+{ord(found.group()):04X}", position=found.start() + 1)


def typed_text_problem(text: str, field: str) -> str | None:
    """Why a person cannot save ``text`` in ``field`` (a label); None when it is fine."""
    problem = unstorable_problem(text, field)
    if problem is not None:
        return problem
    found = _ENCODED_PAIR.search(text)
    if found is None:
        return None
    return _(
        "{field} contains “{code}” at position {position}: spreadsheet programs read it "
        "as encoded characters and would change it. Change it (for example, add a space) "
        "and save again."
    ).format(field=field, code=found.group(), position=found.start() + 1)


def normalised_text(text: str) -> str:
    """Text as kept: NFC, line breaks as LF, no surrounding white space."""
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.strip()


def storable_text(text: str) -> str:
    """Text stored before the rules, made storable: unstorable characters become U+FFFD."""
    text = text.strip()
    if not text.isprintable():  # a fast screen: every unstorable character fails it
        text = _UNSTORABLE.sub(REPLACEMENT, text)
    return normalised_text(text)
