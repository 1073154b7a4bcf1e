"""``acec report``: formats from the suffix, languages, and one-line refusals."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from tests.reports.conftest import build_report_db


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-report") / "sec.sqlite"
    db, _ids = build_report_db(path)
    db.close()
    return path


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")
def test_pdf_by_suffix_in_chinese(qapp, db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "progress.pdf"
    assert (
        main(["--db", str(db_path), "--lang", "zh_CN", "report", "progress", "--out", str(out)])
        == 0
    )
    assert "已写入" in capsys.readouterr().out  # "Wrote", from the Chinese catalogue
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the CJK font maps some characters to radicals
    assert "行动计划实施进展" in text and "2011年" in text


def test_xlsx_for_one_country_and_year(db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "envoys.data"
    args = ["--db", str(db_path), "--json", "report", "envoys", "--format", "xlsx"]
    assert main([*args, "--country", "vn", "--year", "2012", "--out", str(out)]) == 0
    assert '"format": "xlsx"' in capsys.readouterr().out
    with out.open("rb") as fh:  # openpyxl judges by suffix; --format decided the content
        ws = load_workbook(fh)["By year named"]
        assert list(ws.iter_rows(min_row=4, values_only=True)) == [(2012, 1)]  # a number


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["activity", "--out", "x.pdf"], "needs the activity's id"),
        (["progress", "--out", "x.txt"], "Cannot tell the format"),
        (["progress", "--country", "XX", "--out", "x.pdf"], "Unknown country code"),
        (["activity", "--id", "nope", "--out", "x.pdf"], "No activity with id nope"),
    ],
)
def test_refusals_are_one_line(db_path: Path, tmp_path: Path, capsys, extra, message) -> None:
    extra = [str(tmp_path / e) if e.startswith("x.") else e for e in extra]
    assert main(["--db", str(db_path), "report", *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())
