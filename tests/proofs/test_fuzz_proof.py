"""A few hundred mutations of a real package: each a clean refusal or a clean import.

Never an unhandled exception, never a partial change: after every attempt the
receiving database's dump is either exactly as before or exactly what the
untouched package gives.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from hostile_files import MB, RawEntry, bomb_stream, entry, raw_zip
from sites import LONG, assert_sound, dump, trust_each_other

from app.errors import AcecError
from app.services.office import init_office
from app.services.records import create_record, delete_record
from app.services.reference_data import plan_item_uid
from app.store import open_database, restore_file
from app.sync.errors import PackageRefused
from app.sync.export import export_package
from app.sync.importer import import_package

# Some mutations duplicate zip entries on purpose; zipfile warns when writing them.
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")

SEED = 20261124
DATA_SHEETS = ("Organisations", "Activities", "People", "Participations", "Funding")


def _entries(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _rezip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


def _edit_cells(original: Path, edit: Callable[[openpyxl.Workbook], None]) -> bytes:
    book = openpyxl.load_workbook(original)
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mutations(original: Path, rng: random.Random, scale: int) -> Iterator[tuple[str, bytes]]:
    data = original.read_bytes()
    entries = _entries(original)
    for _ in range(90 * scale):
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(flipped))
            flipped[at] ^= 1 << rng.randrange(8)
        yield "bytes flipped", bytes(flipped)
    for _ in range(50 * scale):
        yield "truncated", data[: rng.randrange(len(data))]
    for i, (name, _blob) in enumerate(entries):
        yield f"removed {name}", _rezip(entries[:i] + entries[i + 1 :])
        yield f"duplicated {name}", _rezip(entries + [entries[i]])
    workbook = dict(entries)["xl/workbook.xml"]
    sheets = re.findall(rb"<sheet [^>]*/>", workbook)
    for _ in range(5 * scale):
        shuffled = sheets[:]
        rng.shuffle(shuffled)
        changed = workbook
        for old, new in zip(sheets, shuffled, strict=True):
            changed = changed.replace(old, b"\0" + new + b"\0", 1)
        changed = changed.replace(b"\0", b"")
        yield (
            "sheets reordered",
            _rezip([(n, changed if n == "xl/workbook.xml" else d) for n, d in entries]),
        )
    wrong_values: list[object] = [
        12345,
        -1.5,
        dt.datetime(1999, 12, 31),
        True,
        "not a date",
        "x" * 32767,
        "=1+1",
        '=HYPERLINK("http://evil")',
        None,
        "VN",
        "SEC",
        "00000000-0000-0000-0000-000000000000",
        "\u202eevil",
    ]
    for _ in range(40 * scale):
        sheet_name = rng.choice(DATA_SHEETS)
        value = rng.choice(wrong_values)
        row, col = rng.randint(2, 4), rng.randint(1, 14)

        def change(book: openpyxl.Workbook, s=sheet_name, r=row, c=col, v=value) -> None:
            book[s].cell(row=r, column=c).value = v

        yield f"cell {sheet_name}!{row},{col} = {str(value)[:20]!r}", _edit_cells(original, change)
    for _ in range(3 * scale):

        def move(book: openpyxl.Workbook) -> None:
            book.move_sheet(rng.choice(DATA_SHEETS), offset=-rng.randint(1, 2))

        yield "sheet moved by openpyxl", _edit_cells(original, move)
    sheet_parts = [n for n, _d in entries if n.startswith("xl/worksheets/")]
    for part in sheet_parts[:3]:
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a;" * 10) for i in range(5))
            + b"]>"
        )
        yield (
            f"entities in {part}",
            _rezip([(n, laughs + d.split(b"?>", 1)[1] if n == part else d) for n, d in entries]),
        )
        yield (
            f"formula in {part}",
            _rezip(
                [
                    (
                        n,
                        d.replace(b"</row>", b'<c r="Z1"><f>1+1</f><v>2</v></c></row>', 1)
                        if n == part
                        else d,
                    )
                    for n, d in entries
                ]
            ),
        )
        rows = b"".join(
            b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1_000_001)
        )
        yield (
            f"million rows in {part}",
            _rezip(
                [
                    (
                        n,
                        re.sub(
                            rb"<sheetData>.*</sheetData>",
                            b"<sheetData>" + rows + b"</sheetData>",
                            d,
                            flags=re.S,
                        )
                        if n == part
                        else d,
                    )
                    for n, d in entries
                ]
            ),
        )
    yield "zip bomb", _bomb(entries, sheet_parts[-1], original.parent)
    yield "re-saved unchanged by openpyxl", _edit_cells(original, lambda book: None)


def _bomb(entries: list[tuple[str, bytes]], part: str, folder: Path) -> bytes:
    """Replace ``part`` with a deflate stream that inflates to 1 GB."""
    raw = [entry(n, d) for n, d in entries if n != part]
    raw.append(RawEntry(part, bomb_stream(1024 * MB, b"<worksheet><sheetData>"), 8, 0, 1024 * MB))
    return raw_zip(folder / "bomb.xlsx", raw).read_bytes()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("fuzz")
    vn = init_office(folder / "vn.sqlite", "VN")
    sec = init_office(folder / "sec.sqlite", "SEC")
    trust_each_other(vn, sec)
    org = create_record(vn, "organisation", {"name": "=SUM(A1)", "type": "ngo", "country": "VN"})
    act = create_record(
        vn,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": "Training 培训",
            "type": "training",
            "status": "completed",
            "start_date": dt.date(2012, 3, 1),
            "notes": "0012\n+line",
        },
    )
    person = create_record(
        vn,
        "person",
        {"name": "-A", "country": "VN", "phone": "0084912000111", "organisation_uid": org.uid},
    )
    create_record(
        vn, "participation", {"activity_uid": act.uid, "person_uid": person.uid, "role": "trainee"}
    )
    create_record(
        vn,
        "funding",
        {
            "activity_uid": act.uid,
            "kind": "disbursement",
            "source": "cafund",
            "amount": "9999999999999.99",
            "currency": "CNY",
            "date": dt.date(2012, 2, 29),
        },
    )
    extra = create_record(vn, "organisation", {"name": "gone", "type": "ngo"})
    delete_record(vn, "organisation", extra.uid)
    package = folder / "package.xlsx"
    export_package(vn, package, to="SEC")
    template = folder / "sec-template.sqlite"
    sec.close()
    shutil.copyfile(folder / "sec.sqlite", template)
    sec = open_database(folder / "sec.sqlite")
    before = dump(sec)
    import_package(sec, package)
    after = dump(sec)
    sec.engine.dispose()
    restore_file(template, sec.path)
    sec.engine.dispose()
    assert dump(sec) == before
    yield sec, package, template, before, after, folder
    sec.close()
    vn.close()


def test_every_mutation_is_a_clean_refusal_or_a_clean_import(world) -> None:
    sec, package, template, before, after, folder = world
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    mutated = folder / "mutated.xlsx"
    count = 0
    for label, blob in _mutations(package, rng, 4 if LONG else 1):
        count += 1
        mutated.write_bytes(blob)
        try:
            import_package(sec, mutated)
        except PackageRefused as exc:
            assert exc.message and "\n" not in exc.message.strip(), (label, exc.message)
            outcomes["refused"] += 1
            assert dump(sec) == before, f"{label}: a refused package changed the database"
            continue
        except AcecError as exc:  # a refusal by another name is still clean, but say so
            outcomes[f"refused ({type(exc).__name__})"] += 1
            assert dump(sec) == before, label
            continue
        outcomes["imported"] += 1
        assert dump(sec) == after, f"{label}: imported something other than the package's content"
        assert_sound(sec)
        sec.engine.dispose()
        restore_file(template, sec.path)
        sec.engine.dispose()
    assert count >= 200
    assert outcomes["imported"] >= 1  # the unchanged re-save
    print(dict(outcomes))
    assert outcomes["refused"] >= count * 0.8, outcomes
    assert_sound(sec)
