"""Pages of every report: no table row torn across pages, no heading left at a page foot.

Every report kind (progress, training, funding, envoys, activity sheets,
certificates) in English, Chinese, Thai and Khmer, on a demo database.

Checked twice: from the pages the layout decides (pieces per page) and from
the PDF itself, read back page by page with pdftotext, so a row whose cells
are painted on two pages fails even if the layout's bookkeeping is wrong.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.demo import generate_demo
from app.models import model_of
from app.reports import cells
from app.reports.catalogue import REPORT_KINDS, ReportRequest, build_report
from app.reports.certificates import certificate_batch
from app.reports.model import Column, Paragraph, ReportDocument, Section, Table
from app.reports.pagination import Page, Piece, paginate
from app.reports.render_certificates import write_certificates_pdf
from app.reports.render_pdf import a4_writer, layout_pages, write_pdf
from app.services.office import init_office
from app.store import Database

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)
LANGUAGES = ["en", "zh_Hans_CN", "th", "km"]


def _row(top: float, row: int, glue: bool = False) -> Piece:
    return Piece("row", top, top + 10, keep_with_next=glue, table=0, row=row, header=(0, 10))


def test_a_row_that_does_not_fit_moves_whole_with_the_header_repeated() -> None:
    pieces = [Piece("heading", -20, 0, keep_with_next=True), _row(0, 0, glue=True)]
    pieces += [_row(10 * r, r) for r in range(1, 6)]
    pages = paginate(pieces, 50)
    assert [[p.row for p in page.pieces] for page in pages] == [[None, 0, 1, 2], [3, 4, 5]]
    assert pages[0].header is None and pages[1].header == (0, 10)
    assert pages[1].height_with([]) == 40  # the header band plus three rows


def test_a_heading_goes_to_the_next_page_with_what_it_heads() -> None:
    pieces = [Piece("block", 0, 30), Piece("heading", 30, 40, keep_with_next=True)]
    pieces += [Piece("block", 40, 60)]
    pages = paginate(pieces, 50)
    assert [len(p.pieces) for p in pages] == [1, 2]
    assert pages[1].pieces[0].kind == "heading"


def test_a_group_taller_than_a_page_gives_up_its_glue() -> None:
    pieces = [Piece("heading", 0, 10, keep_with_next=True), Piece("block", 10, 200)]
    assert [len(p.pieces) for p in paginate(pieces, 100)] == [1, 1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A secretariat database with enough demo records for multi-page reports."""
    db = init_office(tmp_path_factory.mktemp("demo") / "sec.sqlite", "SEC", "Secretariat")
    generate_demo(db, size=2000, seed=1)
    yield db
    db.close()


def _activities_by_participants(db: Database) -> list[tuple[str, int]]:
    part = model_of("participation")
    with db.read_session() as session:
        rows = session.execute(
            select(part.activity_uid, func.count())
            .where(part.deleted.is_(False))
            .group_by(part.activity_uid)
            .order_by(func.count(), part.activity_uid)
        ).all()
    return [(uid, count) for uid, count in rows]


def _documents(db: Database, language: str) -> Iterator[tuple[str, ReportDocument]]:
    activities = _activities_by_participants(db)
    ordinary = next(uid for uid, n in activities if 8 <= n <= 12)
    for kind in REPORT_KINDS:
        if kind == "activity":
            for uid in (ordinary, activities[-1][0]):
                request = ReportRequest(kind=kind, activity_uid=uid, language=language)
                yield f"activity-{uid[:8]}", build_report(db, request)
        else:
            yield kind, build_report(db, ReportRequest(kind=kind, language=language))


def _kept(ch: str) -> bool:
    """Characters that survive a PDF's text extraction unchanged in every script.

    Thai and Khmer clusters come back reordered and some Han characters as
    look-alike radicals (长 as ⻓), so those are compared by position only.
    """
    return ch.isascii() and ch.isalnum() or "\u2e80" <= ch <= "\u9fff"


def _page_texts(path: Path, pages: int) -> list[str]:
    """Each page's comparable characters, in drawing order (see ``_kept``)."""
    texts = []
    for n in range(1, pages + 1):
        out = subprocess.run(
            ["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        texts.append("".join(filter(_kept, unicodedata.normalize("NFKC", out))))
    return texts


def _cell_pattern(text: str) -> re.Pattern[str] | None:
    """A cell as it must appear on a page: its ASCII letters and digits, any Han character."""
    kept = [ch for ch in unicodedata.normalize("NFKC", text) if _kept(ch)]
    if not kept:
        return None
    return re.compile("".join(re.escape(ch) if ch.isascii() else "." for ch in kept))


def _torn_rows(document: ReportDocument, texts: list[str]) -> list[str]:
    """Rows whose cells are not all found, whole, together on one page."""
    torn = []
    for table in document.tables():
        for row in table.rows:
            pages = set(range(len(texts)))
            for pattern in filter(None, (_cell_pattern(c.text) for c in row)):
                pages &= {n for n, text in enumerate(texts) if pattern.search(text)}
            if not pages:
                torn.append(f"{table.title}: {' | '.join(c.text for c in row)}")
    return torn


def _layout_faults(name: str, pages: list[Page]) -> list[str]:
    """Rows on two pages, pages ending in a heading, table pages without their header."""
    faults: list[str] = []
    seen: set[tuple[int | None, int | None]] = set()
    for number, page in enumerate(pages, start=1):
        rows = {(p.table, p.row) for p in page.pieces if p.kind == "row"}
        if rows & seen:
            faults.append(f"{name}: a row on two pages (page {number})")
        seen |= rows
        last = page.pieces[-1]
        if last.kind == "heading" and number != len(pages):
            faults.append(f"{name}: “{last.text}” ends page {number}")
        heads = [p for p in page.pieces if p.kind == "row" and p.row == 0]
        first = page.pieces[0]
        if page.header is None and first.kind == "row" and first.row != 0 and not heads:
            faults.append(f"{name}: page {number} continues a table without its header")
    return faults


def _stranded_headings(document: ReportDocument, texts: list[str]) -> list[str]:
    """Headings not printed on the page that shows the first row of the table they head."""
    stranded = []
    for section in document.sections:
        first = section.blocks[0] if section.blocks else None
        if not isinstance(first, Table) or not first.rows:
            continue
        patterns = [_cell_pattern(section.heading)]
        patterns += [_cell_pattern(c.text) for c in first.rows[0]]
        pages = set(range(len(texts)))
        for pattern in filter(None, patterns):
            pages &= {n for n, text in enumerate(texts) if pattern.search(text)}
        if not pages:
            stranded.append(section.heading)
    return stranded


def _lost_text(document: ReportDocument, texts: list[str]) -> list[str]:
    """Paragraphs and table notes not printed whole (e.g. run off the page's edge)."""
    whole = "".join(texts)
    words = [b.text for s in document.sections for b in s.blocks if isinstance(b, Paragraph)]
    words += [t.note for t in document.tables() if t.note]
    patterns = ((w, _cell_pattern(w)) for w in words)
    return [w for w, pattern in patterns if pattern and not pattern.search(whole)]


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_report_tears_a_row_or_strands_a_heading(
    qapp, demo_db: Database, tmp_path: Path, language: str
) -> None:
    """Every page of every report: the layout's pieces and the PDF's text, page by page."""
    multi_page = 0
    for name, document in _documents(demo_db, language):
        path = tmp_path / f"{name}-{language}.pdf"
        pages = layout_pages(document, a4_writer(tmp_path / "probe.pdf", document.title))
        assert _layout_faults(name, pages) == []
        assert write_pdf(document, path) == len(pages)
        multi_page += len(pages) > 1
        texts = _page_texts(path, len(pages))
        assert _torn_rows(document, texts) == [], name
        assert _stranded_headings(document, texts) == [], name
        assert _lost_text(document, texts) == [], name
    assert multi_page >= 3  # the demo data really spans pages


def _certified_activities(db: Database) -> list[str]:
    """Activities with numbered certificates, fewest first."""
    part = model_of("participation")
    with db.read_session() as session:
        rows = session.execute(
            select(part.activity_uid)
            .where(part.deleted.is_(False), part.certificate.is_not(None))
            .group_by(part.activity_uid)
            .order_by(func.count(), part.activity_uid)
        ).all()
    return [uid for (uid,) in rows]


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_certificate_is_one_whole_page(
    qapp, demo_db: Database, tmp_path: Path, language: str
) -> None:
    """One page per certificate, its number and the trainee's name on that page and no other."""
    activities = _certified_activities(demo_db)
    assert activities
    for uid in (activities[0], activities[-1]):
        batch = certificate_batch(demo_db, uid)
        path = tmp_path / f"certificates-{uid[:8]}-{language}.pdf"
        assert write_certificates_pdf(batch, path, language) == len(batch.pages)
        texts = _page_texts(path, len(batch.pages))
        for number, (page, text) in enumerate(zip(batch.pages, texts, strict=True), start=1):
            for other in batch.pages:
                found = _cell_pattern(other.number)
                assert found is not None
                assert bool(found.search(text)) == (other is page), (uid, number, other.number)
            name = _cell_pattern(page.name)
            assert name is not None and name.search(text), (uid, number, page.name)


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_ordinary_activity_sheet_fits_one_page(
    qapp, demo_db: Database, tmp_path: Path, language: str
) -> None:
    activities = _activities_by_participants(demo_db)
    ordinary = [uid for uid, n in activities if n <= 9]
    for uid in ordinary[-3:]:
        request = ReportRequest(kind="activity", activity_uid=uid, language=language)
        assert write_pdf(build_report(demo_db, request), tmp_path / "a.pdf") == 1


@needs_poppler
def test_a_long_participant_list_goes_on_with_its_header(
    qapp, demo_db: Database, tmp_path: Path
) -> None:
    activities = _activities_by_participants(demo_db)
    language = "en"
    longest = activities[-1][0]
    request = ReportRequest(kind="activity", activity_uid=longest, language=language)
    document = build_report(demo_db, request)
    pages = write_pdf(document, tmp_path / "long.pdf")
    assert pages >= 2
    header = _cell_pattern(document.tables()[-1].columns[0].header)
    later_pages = _page_texts(tmp_path / "long.pdf", pages)[1:]
    assert header and all(header.search(text) for text in later_pages)


def test_the_pdf_check_finds_a_heading_apart_from_its_table() -> None:
    """The text check itself fails a heading printed a page before its first row."""
    table = Table("Sums", [Column("Item"), Column("Amount", "int")])
    table.rows = [[cells.text("Forum"), cells.count(12345)]]
    document = ReportDocument("x", "en", "T", [], "T", "", [Section("Money spent", [table])])
    assert _stranded_headings(document, ["Moneyspent", "Forum12345"]) == ["Money spent"]
    assert _stranded_headings(document, ["x", "MoneyspentItemAmountForum12345"]) == []
    assert _torn_rows(document, ["Forum", "12345"]) == ["Sums: Forum | 12,345"]
