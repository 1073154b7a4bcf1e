"""``acec review list|accept|return``: exit codes, --json, refusals, real databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.services.office import init_office
from app.services.records import create_record
from tests.proofs.sites import trust_each_other
from tests.sync.conftest import send


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _offices(tmp_path: Path) -> tuple[str, str, dict[str, str]]:
    """VN with a person and an organisation, sent to the secretariat."""
    vn_path, sec_path = tmp_path / "vn.sqlite", tmp_path / "sec.sqlite"
    vn, sec = init_office(vn_path, "VN"), init_office(sec_path, "SEC")
    uids = {
        "person": create_record(vn, "person", {"name": "Tran Thi B", "country": "VN"}).uid,
        "organisation": create_record(
            vn, "organisation", {"name": "MONRE", "type": "ministry"}
        ).uid,
    }
    trust_each_other(vn, sec)
    send(vn, sec, tmp_path / "vn.xlsx")
    vn.close()
    sec.close()
    return str(vn_path), str(sec_path), uids


def test_list_accept_and_return_at_the_secretariat(tmp_path: Path, capsys) -> None:
    _vn, sec, uids = _offices(tmp_path)
    code, out, _ = run(capsys, "--db", sec, "--json", "review", "list", "--country", "vn")
    data = json.loads(out)
    assert code == 0 and data["count"] == 2
    assert {(r["uid"], r["state"]) for r in data["records"]} == {
        (uids["person"], "submitted"),
        (uids["organisation"], "submitted"),
    }
    code, out, _ = run(capsys, "--db", sec, "review", "accept", uids["organisation"])
    assert code == 0 and "Accepted 1 record." in out
    code, out, _ = run(
        capsys, "--db", sec, "--json", "review", "return", uids["person"], "--reason", "No surname"
    )
    assert code == 0 and json.loads(out)["changed"] == 1
    code, out, _ = run(capsys, "--db", sec, "review", "list", "--state", "returned")
    assert code == 0 and "Tran Thi B" in out and "(reason: No surname)" in out
    assert "MONRE" not in out and "1 record." in out


def test_refusals_are_one_line_and_change_nothing(tmp_path: Path, capsys) -> None:
    vn, sec, uids = _offices(tmp_path)
    code, _, err = run(capsys, "--db", vn, "review", "accept", uids["person"])
    assert code == 1 and "Only the joint secretariat reviews records" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, out, err = run(
        capsys, "--db", sec, "--json", "review", "accept", uids["person"], "not-a-record"
    )
    assert code == 1 and "Nothing was reviewed" in err
    assert json.loads(out)["problems"][0]["uid"] == "not-a-record"
    code, _, err = run(capsys, "--db", sec, "review", "return", uids["person"], "--reason", " ")
    assert code == 1 and "say why" in err
    code, _, err = run(capsys, "--db", sec, "review", "return", uids["person"])
    assert code == 2 and "--reason" in err
    code, _, err = run(capsys, "--db", sec, "review", "list", "--country", "XX")
    assert code == 1 and "Unknown country code" in err
    code, out, _ = run(capsys, "--db", sec, "--json", "review", "list", "--state", "accepted")
    assert json.loads(out)["count"] == 0


def test_a_country_lists_its_own_records(tmp_path: Path, capsys) -> None:
    vn, _sec, _uids = _offices(tmp_path)
    code, out, _ = run(capsys, "--db", vn, "--json", "review", "list")
    assert code == 0 and {r["country"] for r in json.loads(out)["records"]} == {"VN"}
