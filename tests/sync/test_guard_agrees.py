"""The guard's byte scan agrees with a real XML parser on random worksheets.

A reference reads each generated sheet with expat (namespaces on, as readers
do) and works out the largest row and column any reader would place a cell
at, and whether a formula is present. Whatever the reference would refuse,
the guard refuses; what is written the usual way, the guard lets through.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.parsers import expat

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sync.errors import PackageRefused
from app.sync.guard import check_package_file
from app.sync.package_limits import PackageLimits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from hostile_files import workbook_parts  # noqa: E402

LIMITS = PackageLimits(max_rows=6, max_columns=4)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Mostly in bounds, now and then just or far beyond them.
LETTERS = ["A", "B", "C", "D"] * 6 + ["E", "Z", "AA", "XFD"]


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _start_row(state: dict, attrs: dict[str, str]) -> None:
    state["rows"] += 1
    r = attrs.get("r")
    state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
    state["col"] = 0
    if state["rows"] > LIMITS.max_rows or state["row"] > LIMITS.max_rows + 1:
        state["bad"] = True


def _start_cell(state: dict, attrs: dict[str, str]) -> None:
    r = attrs.get("r", "")
    letters = "".join(ch for ch in r if ch.isalpha())
    digits = "".join(ch for ch in r if ch.isdigit())
    state["col"] = _column(letters) if letters else state["col"] + 1
    if state["col"] > LIMITS.max_columns:
        state["bad"] = True
    if digits and int(digits) > LIMITS.max_rows + 1:
        state["bad"] = True
    state["cell"] = {"t": attrs.get("t"), "f": None, "v": ""}


def reference_refuses(xml: bytes) -> bool:
    """What a namespace-aware parser sees: too many rows/columns, or a formula.

    A boolean cell holding the constant ``TRUE()``/``FALSE()`` with the same
    value cached (how LibreOffice saves booleans) is a value, not a formula.
    """
    state: dict = {"row": 0, "rows": 0, "col": 0, "bad": False, "cell": None, "in": None}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "row":
            _start_row(state, attrs)
        elif local == "c":
            _start_cell(state, attrs)
        elif local in ("f", "v") and state["cell"] is not None:
            state["in"] = local
            state["cell"][local] = state["cell"][local] or ""
        elif local == "f":
            state["bad"] = True

    def text(data: str) -> None:
        if state["in"] and state["cell"] is not None:
            state["cell"][state["in"]] += data

    def end(name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local in ("f", "v"):
            state["in"] = None
        elif local == "c" and state["cell"] is not None:
            cell = state["cell"]
            constant = {"FALSE()": "0", "TRUE()": "1"}.get(cell["f"] or "")
            if cell["f"] is not None and not (cell["t"] == "b" and constant == cell["v"]):
                state["bad"] = True
            state["cell"] = None

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.Parse(xml, True)
    return state["bad"]


USUAL = [
    *[b'<c r="%s"><v>1</v></c>'] * 5,
    *[b'<c r="%s" t="inlineStr"><is><t>x r="ZZ9"</t></is></c>'] * 4,
    b'<c r="%s"><f>1+1</f><v>2</v></c>',
    *[b'<c r="%s" s="0" t="b"><f aca="false">FALSE()</f><v>0</v></c>'] * 2,
    b'<c r="%s" t="b"><f>TRUE()</f><v>0</v></c>',
]


@st.composite
def cell(draw: st.DrawFn, row: int, usual: bool) -> bytes:
    letters = draw(st.sampled_from(LETTERS))
    number = draw(st.sampled_from([row] * 12 + [3, 7, 8, 1234567]))
    ref = f"{letters}{number}".encode()
    style = draw(
        st.sampled_from(
            USUAL
            if usual
            else [
                *USUAL,
                b'<c s="1" r="%s"><v>1</v></c>',
                b"<c r='%s'><v>1</v></c>",
                b'<c r = "%s"><v>1</v></c>',
                b'<c\tr="%s"/>',
                b'<x:c xmlns:x="' + MAIN.encode() + b'" r="%s"/>',
                b"<c><v>1</v></c>",
                b'<c x=\' r="A1"\' r="%s"/>',
            ]
        )
    )
    return style.replace(b"%s", ref) if b"%s" in style else style


@st.composite
def sheet(draw: st.DrawFn) -> bytes:
    usual = draw(st.booleans())  # half the sheets only as Excel writes them (the fast path)
    rows = []
    for index in range(1, draw(st.integers(1, 7)) + 1):
        number = draw(st.sampled_from([index] * 12 + [7, 99999999]))
        openings = (
            [b'<row r="%d">'] if usual else [b'<row r="%d">', b"<row>", b'<row spans="1:2" r="%d">']
        )
        opening = draw(st.sampled_from(openings))
        opening = opening % number if b"%d" in opening else opening
        cells = b"".join(draw(st.lists(cell(index, usual), max_size=6)))
        rows.append(opening + cells + b"</row>")
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="'
        + MAIN.encode()
        + b'"><sheetData>'
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )


def _guard_refuses(tmp_path: Path, xml: bytes) -> bool:
    path = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in workbook_parts(xml).items():
            archive.writestr(name, data)
    try:
        check_package_file(path, LIMITS)
    except PackageRefused:
        return True
    return False


@settings(max_examples=400, deadline=None, derandomize=True)
@given(xml=sheet())
def test_guard_refuses_whatever_a_parser_would_place_out_of_bounds(tmp_path_factory, xml) -> None:
    tmp = tmp_path_factory.mktemp("agree")
    if reference_refuses(xml):
        assert _guard_refuses(tmp, xml), xml


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    rows=st.lists(
        st.lists(st.sampled_from(["A", "B", "C", "D"]), unique=True, max_size=4).map(sorted),
        max_size=6,
    )
)
def test_guard_passes_sheets_written_the_usual_way(tmp_path_factory, rows) -> None:
    body = b"".join(
        b'<row r="%d">' % (i + 1)
        + b"".join(b'<c r="%s%d" t="s"><v>0</v></c>' % (c.encode(), i + 1) for c in cols)
        + b"</row>"
        for i, cols in enumerate(rows)
    )
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="'
        + MAIN.encode()
        + b'"><sheetData>'
        + body
        + b"</sheetData></worksheet>"
    )
    assert not reference_refuses(xml)
    assert not _guard_refuses(tmp_path_factory.mktemp("usual"), xml)
