"""Printed certificates: a real PDF, one A4 landscape page per numbered trainee, read back."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from app.errors import AcecError
from app.reports.certificates import certificate_batch
from app.reports.render_certificates import write_certificates_pdf
from app.services.certificates import issue_certificates
from tests.services.certificate_fixtures import enrol, person, training_with_trainees

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    # NFKC undoes the "fi" ligature the PDF's text layer carries.
    return [" ".join(unicodedata.normalize("NFKC", page).split()) for page in text.split("\f")[:-1]]


def _fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout


def _page_size(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return next(line for line in info.stdout.splitlines() if line.startswith("Page size"))


@pytest.fixture
def issued(qapp, make_db):
    db = make_db("KH", "Cambodia focal point")
    act, _ = training_with_trainees(db)
    enrol(db, act, person(db, "Wang Fang", "王芳", "CN"), completed=True)
    issue_certificates(db, act, dt.date(2012, 3, 6))
    return db, act


def _khmer(text: str) -> str:
    return "".join(ch for ch in text if "\u1780" <= ch <= "\u17ff")


def test_one_landscape_page_per_trainee_with_both_scripts(issued, tmp_path: Path) -> None:
    db, act = issued
    pdf = tmp_path / "certificates.pdf"
    assert write_certificates_pdf(certificate_batch(db, act), pdf, "en") == 4
    pages = _pages_text(pdf)
    assert len(pages) == 4
    assert "842 x 595 pts (A4)" in _page_size(pdf)  # A4, landscape (wider than high)
    first = pages[0]
    for words in (
        "Certificate of completion",
        "Chan Sophea",
        "EIA training",
        "Phnom Penh, Cambodia",
        "from March 1, 2012 to March 5, 2012",
        "ACEC-KH-2012-0001",
        "Date of issue: March 6, 2012",
        "China–ASEAN Environmental Cooperation Action Plan 2011–2013",
        "Cambodia focal point",
    ):
        assert words in first, words
    # Qt's PDF text layer maps some shaped Khmer clusters to nothing, so the page text holds
    # only part of a Khmer name (the picture shows it whole); Han names come back exactly.
    assert set(_khmer(first)) <= set("ចាន់ សុភា") and len(set(_khmer(first))) >= 3
    assert "NotoSansKhmer" in _fonts(pdf)
    assert "Sok Dara" in pages[2] and _khmer(pages[2])
    assert "Wang Fang 王芳" in pages[3] and "ACEC-KH-2012-0004" in pages[3]
    assert "Keo Vanna" not in "".join(pages)  # not completed, not numbered
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "en")],
        check=True,
    )


def test_in_chinese_the_plan_speaks_its_own_words(issued, tmp_path: Path) -> None:
    db, act = issued
    pdf = tmp_path / "zh.pdf"
    write_certificates_pdf(certificate_batch(db, act), pdf, "zh_Hans_CN")
    page = _pages_text(pdf)[0]
    assert "中国-东盟环境合作行动计划(2011-2013)" in page
    assert "中国-东盟能力建设培训项目" in page
    assert "Chan Sophea" in page and _khmer(page)
    assert "王芳" in _pages_text(pdf)[3]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "zh")],
        check=True,
    )


def test_nothing_numbered_is_refused_and_no_file_is_left(qapp, make_db, tmp_path: Path) -> None:
    db = make_db("KH")
    act, _ = training_with_trainees(db)
    pdf = tmp_path / "none.pdf"
    with pytest.raises(AcecError, match="issue them first"):
        write_certificates_pdf(certificate_batch(db, act), pdf, "en")
    assert not pdf.exists()
