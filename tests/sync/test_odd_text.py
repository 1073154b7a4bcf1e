"""Any text a person can type goes through a package unchanged, or is refused when typed.

Spreadsheet files cannot hold every string: XML 1.0 forbids most control
characters and U+FFFE/U+FFFF, OOXML reads ``_xHHHH_`` as an encoded
character, XML parsers turn CR LF into LF, and LibreOffice re-encodes
``_xHHHH_`` sequences its own way. These tests send such texts through real
packages (and, where installed, a real LibreOffice re-save).
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from app.cli import main
from app.errors import ValidationError
from app.models import Organisation
from app.services.dump import dump_data
from app.services.office import init_office
from app.services.records import create_record, update_record
from app.store import Database, open_database
from app.sync.export import export_package
from app.sync.importer import import_package
from app.sync.ooxml_text import PackageBook
from tests.libreoffice import convert, needs_libreoffice

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from sites import trust_each_other  # noqa: E402

# What XML 1.0 cannot hold (CR is allowed but becomes LF on the way).
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Two encoded-character sequences sharing an underscore: LibreOffice cannot save it back.
ENCODED_PAIR = re.compile(r"_x[0-9A-Fa-f]{4}_x[0-9A-Fa-f]{4}_")

ODD_PIECES = [
    "_x005F_",
    "_x0041_",
    "_x000D_",
    "_x000a_",
    "_xFFFE_",
    "_xD800_",
    "_x",
    "_",
    "x",
    "005F",
    "41",
    "a_",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\ufffe",
    "\uffff",
    "\x00",
    "\x0b",
    "\x1f",
    "\ud800",
    "\U0001f600",
    "\U0001f469\u200d\U0001f52c",
    "e\u0301",
    "\u0e01\u0e34",
    "\u1780\u17d2\u179a",
    "\u1000\u103a\u1039",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u4e2d\u6587",
    "\u00a0",
    "\u2028",
    "\u0085",
    "=1+1",
    " ",
]
ODD_TEXT = st.one_of(
    st.lists(st.sampled_from(ODD_PIECES), min_size=1, max_size=8).map("".join),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=30),
    st.text(st.sampled_from("_x0123456789aAbBcCdDeEfF\r\n"), min_size=1, max_size=20),
)


def expected(text: str) -> str | None:
    """What an office keeps of ``text`` typed into a form (None: nothing, the field is empty)."""
    kept = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return kept or None


def refusable(text: str) -> bool:
    """Whether the rules may refuse ``text``: it holds what a spreadsheet cannot keep, or nothing."""
    return bool(UNSTORABLE.search(text) or ENCODED_PAIR.search(text)) or expected(text) is None


def _names(db: Database) -> dict[str, str]:
    return {r["uid"]: r["fields"]["name"] for r in dump_data(db)["organisation"]}


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("odd")
    vn, sec = init_office(folder / "vn.sqlite", "VN"), init_office(folder / "sec.sqlite", "SEC")
    trust_each_other(vn, sec)
    yield vn, sec, folder
    vn.close()
    sec.close()


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(ODD_TEXT, min_size=1, max_size=6))
def test_typed_text_goes_through_a_package_unchanged_or_is_refused(offices, texts) -> None:
    vn, sec, folder = offices
    made = {}
    for text in texts:
        try:
            record = create_record(vn, "organisation", {"name": "n" + text, "type": "ngo"})
        except ValidationError as exc:
            assert refusable(text), (text, str(exc))
            assert [p.field for p in exc.problems] == ["name"]
            continue
        assert not UNSTORABLE.search(text), text  # nothing unstorable is ever kept
        made[record.uid] = expected("n" + text)
    package = folder / "p.xlsx"
    export_package(vn, package, to="SEC")
    result = import_package(sec, package)
    assert result.applied, [str(p) for p in result.preview.problems]
    stored = _names(sec)
    assert {uid: stored[uid] for uid in made} == made
    assert {uid: _names(vn)[uid] for uid in made} == made


def test_the_form_refuses_what_a_spreadsheet_cannot_hold(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        create_record(db, "organisation", {"name": "Ministry\ufffeof Environment", "type": "ngo"})
    (problem,) = caught.value.problems
    assert problem.field == "name"
    assert "Name" in problem.message and "U+FFFE" in problem.message
    assert "position 9" in problem.message
    org = create_record(db, "organisation", {"name": "Ministry", "type": "ngo"})
    with pytest.raises(ValidationError, match="U\\+0000"):
        update_record(db, "organisation", org.uid, {"name": "Mini\x00stry"})
    with pytest.raises(ValidationError, match="_x0041_x0042_"):
        update_record(db, "organisation", org.uid, {"name": "code _x0041_x0042_"})
    # Line breaks of every system become one kind; a literal _x005F_ is kept as typed.
    update_record(db, "organisation", org.uid, {"name": "a\r\nb\rc _x005F_ _x0041_"})
    assert _names(db)[org.uid] == "a\nb\nc _x005F_ _x0041_"


LEGACY = ["a\r\nb", "a\rb", "n\x00m", "p\ufffeq", "x_x005F_y", "_x005F_x0041_", "t\x0bv"]


def _store_as_before(db: Database, owner_texts: list[str]) -> list[str]:
    """Records whose names were saved before the text rules existed, stored as they were."""
    uids = [
        create_record(db, "organisation", {"name": "x", "type": "ngo"}).uid for _ in owner_texts
    ]
    with db.session() as session:
        for uid, text in zip(uids, owner_texts, strict=True):
            session.execute(update(Organisation).where(Organisation.uid == uid).values(name=text))
    return uids


def test_records_saved_before_the_rules_still_travel(tmp_path: Path, make_db, capsys) -> None:
    vn, sec, kh = make_db("VN"), make_db("SEC"), make_db("KH")
    trust_each_other(vn, sec, kh)
    uids = _store_as_before(vn, LEGACY)
    package = tmp_path / "vn.xlsx"
    export_package(vn, package, to="SEC")
    # Through the command line, as an officer would import it.
    sec_path = sec.path
    sec.close()
    assert main(["--db", str(sec_path), "import", str(package)]) == 0, capsys.readouterr()
    sec = open_database(sec_path)
    # What a spreadsheet cannot hold was replaced by U+FFFD at export; line breaks are LF.
    assert [_names(sec)[uid] for uid in uids] == [
        "a\nb",
        "a\nb",
        "n\ufffdm",
        "p\ufffdq",
        "x_x005F_y",
        "_x005F_x0041_",
        "t\ufffdv",
    ]
    # The sender's own dump says the same, so both offices agree on what the record is.
    assert _names(vn) == _names(sec)
    # Data the secretariat already held in the old form is relayed the same way.
    with sec.session() as session:
        session.execute(
            update(Organisation).where(Organisation.uid == uids[0]).values(name="a\r\nb")
        )
    relay = tmp_path / "sec.xlsx"
    export_package(sec, relay, to="KH")
    assert import_package(kh, relay).applied
    assert _names(kh) == _names(sec) == _names(vn)
    sec.close()


def _resave_with_libreoffice(package: Path, folder: Path) -> Path:
    return convert(package, folder / "resaved") / package.name


def _odd_texts(count: int) -> list[str]:
    rng = random.Random(10)
    texts = [
        "".join(rng.choice(ODD_PIECES) for _ in range(rng.randint(1, 8))) for _ in range(count)
    ]
    return texts + [
        "x_x005F_y",
        "_x005F_",
        "a\r\nb",
        "a\rb",
        "_xa_",
        "_x1_x",
        "  lead and trail  ",
    ]


@needs_libreoffice
def test_odd_texts_survive_a_libreoffice_resave(tmp_path: Path, make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    trust_each_other(vn, sec)
    kept = {}
    for text in _odd_texts(300):
        try:
            kept[create_record(vn, "organisation", {"name": text, "type": "ngo"}).uid] = text
        except ValidationError:
            assert refusable(text), text
    assert len(kept) > 100
    legacy = _store_as_before(vn, [t for t in LEGACY if not ENCODED_PAIR.search(t)])
    package = tmp_path / "vn.xlsx"
    export_package(vn, package, to="SEC")
    result = import_package(sec, _resave_with_libreoffice(package, tmp_path))
    assert result.applied, [str(p) for p in result.preview.problems][:5]
    assert _names(sec) == _names(vn)
    assert all(_names(sec)[uid] == expected(text) for uid, text in kept.items())
    assert len(legacy) == len(LEGACY) - 1


def _read_back(path: Path, texts: list[str]) -> list[str]:
    book = PackageBook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("S")
    for row, text in enumerate(texts):
        sheet.write_string(row, 0, text)
    book.close()
    calamine = python_calamine.CalamineWorkbook.from_path(str(path))
    return [row[0] for row in calamine.get_sheet_by_name("S").iter_rows()]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(texts=st.lists(st.text(st.sampled_from("_x05Fa4D\x01\r\n\t"), min_size=1), min_size=1))
def test_cell_text_is_escaped_so_calamine_reads_it_back(tmp_path_factory, texts) -> None:
    path = tmp_path_factory.mktemp("cells") / "cells.xlsx"
    assert _read_back(path, texts) == texts


def test_plain_xlsxwriter_escaping_loses_shared_underscores(tmp_path: Path) -> None:
    """Why PackageBook exists: xlsxwriter escapes one sequence after another."""
    assert _read_back(tmp_path / "ours.xlsx", ["_x005F_x0041_"]) == ["_x005F_x0041_"]
    book = xlsxwriter.Workbook(str(tmp_path / "plain.xlsx"), {"constant_memory": True})
    book.add_worksheet("S").write_string(0, 0, "_x005F_x0041_")
    book.close()
    calamine = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "plain.xlsx"))
    assert calamine.get_sheet_by_name("S").to_python() == [["_x005FA"]]
