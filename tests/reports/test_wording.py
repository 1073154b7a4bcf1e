"""Report wording: plurals by ngettext, no zero lines, no heading twice, the secretariat's name."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.reports.catalogue import ReportRequest, build_report
from app.reports.model import Paragraph, ReportDocument
from app.reports.office_names import office_title
from app.reports.render_pdf import write_pdf
from app.reports.scope import report_locale


def _first_words(document: ReportDocument) -> str:
    block = document.sections[0].blocks[0]
    assert isinstance(block, Paragraph)
    return block.text


def test_one_of_a_thing_is_singular(report_db) -> None:
    db, _ids = report_db
    training = build_report(db, ReportRequest(kind="training", year=2012, language="en"))
    words = _first_words(training)
    assert words.startswith("1 training session; 3 people trained")
    assert "1 certificate issued." in words
    envoys = build_report(db, ReportRequest(kind="envoys", year=2013, language="en"))
    assert _first_words(envoys) == "1 person named green envoy in this period."
    funding = build_report(db, ReportRequest(kind="funding", language="en"))
    assert "1 amount had no exchange rate and is not in the totals." in _first_words(funding)


def test_a_count_of_nothing_is_left_out(report_db) -> None:
    db, _ids = report_db
    funding = build_report(db, ReportRequest(kind="funding", year=2011, language="en"))
    assert "exchange rate" not in _first_words(funding)  # every 2011 amount has a rate
    progress = build_report(db, ReportRequest(kind="progress", language="en"))
    words = _first_words(progress)
    assert words.startswith("11 plan items; 7 activities; milestones judged on")
    assert " 0 " not in words and "due" not in words.replace("overdue", "")


def test_the_secretariat_is_named_in_the_reports_language(report_db) -> None:
    db, ids = report_db  # made with the earlier default name "ASEAN–China joint secretariat"
    english = build_report(db, ReportRequest(kind="progress", language="en"))
    assert english.title_lines[0] == "Office: China–ASEAN joint secretariat"
    assert english.header.endswith("· China–ASEAN joint secretariat")
    chinese = build_report(db, ReportRequest(kind="funding", language="zh_Hans_CN"))
    assert "中国-东盟联合执行秘书处" in chinese.title_lines[0]
    assert chinese.header.endswith("· 中国-东盟联合执行秘书处")
    sheet = build_report(
        db, ReportRequest(kind="activity", activity_uid=ids["A2"], language="zh_Hans_CN")
    )
    assert sheet.header.endswith("中国-东盟联合执行秘书处")
    with report_locale("zh_Hans_CN"):
        assert office_title("SEC", "China–ASEAN joint secretariat") == "中国-东盟联合执行秘书处"
        assert office_title("SEC", "Regional desk, Guangxi") == "Regional desk, Guangxi"
        assert (
            office_title("VN", "China–ASEAN joint secretariat") == "China–ASEAN joint secretariat"
        )


def test_no_report_text_says_asean_china(report_db) -> None:
    db, ids = report_db
    for kind in ("progress", "training", "funding", "envoys", "activity"):
        uid = ids["A2"] if kind == "activity" else None
        document = build_report(db, ReportRequest(kind=kind, activity_uid=uid, language="en"))
        texts = [document.title, document.header, *document.title_lines]
        for section in document.sections:
            texts.append(section.heading)
            texts += [b.text for b in section.blocks if isinstance(b, Paragraph)]
        for table in document.tables():
            texts += [c.header for c in table.columns] + [c.text for r in table.rows for c in r]
        assert not [t for t in texts if "ASEAN–China" in t], kind


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("kind", ["progress", "training", "funding", "envoys", "activity"])
def test_no_heading_is_printed_twice_in_a_row(qapp, report_db, tmp_path: Path, kind: str) -> None:
    db, ids = report_db
    uid = ids["A2"] if kind == "activity" else None
    document = build_report(db, ReportRequest(kind=kind, activity_uid=uid, language="en"))
    write_pdf(document, tmp_path / "r.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headings = {s.heading for s in document.sections}
    twice = [a for a, b in zip(lines, lines[1:], strict=False) if a == b and a in headings]
    assert twice == []
    assert any(line in headings for line in lines)
