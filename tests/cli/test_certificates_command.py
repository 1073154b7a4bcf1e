"""``acec certificates``: print the numbered, --issue numbers first, refusals, exit codes, JSON."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.services.office import init_office
from tests.reports.conftest import add_owned_by
from tests.services.certificate_fixtures import training, training_with_trainees

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def kh(tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "kh.sqlite"
    db = init_office(path, "KH", "Cambodia focal point")
    act, _ = training_with_trainees(db)
    db.close()
    return str(path), act


def _pages(pdf: Path) -> int:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return text.count("\f")


def test_issue_then_print_then_print_again_without_issuing(qapp, kh, tmp_path, capsys) -> None:
    db, act = kh
    out = tmp_path / "certs.pdf"
    base = ["--db", db, "--json", "certificates", "--activity", act, "--out", str(out)]
    code, stdout, _ = run(capsys, *base, "--issue", "--date", "2012-03-06")
    summary = json.loads(stdout)
    assert code == 0 and _pages(out) == 3
    assert summary | {"numbers": None} == {
        "ok": True,
        "activity": act,
        "out": str(out),
        "issued": 3,
        "first": "ACEC-KH-2012-0001",
        "last": "ACEC-KH-2012-0003",
        "date": "2012-03-06",
        "other_office": 0,
        "printed": 3,
        "numbers": None,
    }
    before = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    code, stdout, _ = run(capsys, *base)
    assert code == 0 and json.loads(stdout)["issued"] == 0 and json.loads(stdout)["printed"] == 3
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == before  # printing never writes
    code, stdout, _ = run(capsys, *base, "--issue")
    assert code == 0 and json.loads(stdout)["issued"] == 0  # nothing new to number


def test_printing_before_issuing_is_refused_in_one_line(kh, tmp_path, capsys) -> None:
    db, act = kh
    out = tmp_path / "none.pdf"
    code, stdout, err = run(
        capsys, "--db", db, "certificates", "--activity", act, "--out", str(out)
    )
    assert code == 1 and "issue them first" in err and "Traceback" not in err
    assert err.count("\n") == 1 and not out.exists()


def test_an_office_that_does_not_own_the_trainees_is_refused(tmp_path, capsys) -> None:
    path = tmp_path / "sec.sqlite"
    sec = init_office(path, "SEC")
    act = training(sec)
    who = add_owned_by(sec, "person", "LA", {"name": "Noy", "name_local": "ນ້ອຍ", "country": "LA"})
    add_owned_by(
        sec,
        "participation",
        "LA",
        {"activity_uid": act, "person_uid": who, "role": "trainee", "completed": True},
    )
    sec.close()
    out = tmp_path / "x.pdf"
    args = ["--db", str(path), "--json", "certificates", "--activity", act, "--issue"]
    code, stdout, err = run(capsys, *args, "--out", str(out))
    assert code == 1 and "Lao PDR" in err and "only that office" in err
    assert json.loads(stdout)["ok"] is False and not out.exists()


def test_usage_errors_exit_2(kh, tmp_path, capsys) -> None:
    db, act = kh
    code, _out, err = run(capsys, "--db", db, "certificates", "--activity", act)
    assert code == 2 and "--out" in err
    out = str(tmp_path / "x.pdf")
    code, _out, err = run(
        capsys,
        "--db",
        db,
        "certificates",
        "--activity",
        act,
        "--issue",
        "--date",
        "6/3/12",
        "--out",
        out,
    )
    assert code == 2 and "not a date" in err


def test_unknown_activity_is_named(kh, tmp_path, capsys) -> None:
    db, _act = kh
    out = str(tmp_path / "x.pdf")
    code, _out, err = run(capsys, "--db", db, "certificates", "--activity", "nope", "--out", out)
    assert code == 1 and "No activity with id nope" in err


def test_issuing_with_no_completed_trainee_says_what_to_do(tmp_path, capsys) -> None:
    path = tmp_path / "kh.sqlite"
    db = init_office(path, "KH")
    act = training(db)
    db.close()
    out = tmp_path / "x.pdf"
    args = ["--db", str(path), "certificates", "--activity", act, "--issue", "--out", str(out)]
    code, _out, err = run(capsys, *args)
    assert code == 1 and "no completed trainees" in err and not out.exists()
