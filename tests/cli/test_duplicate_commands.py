"""acec duplicates / link / distinct, and a link that travels in a real package to the
secretariat, where the linked people then count once."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import main
from app.reports.training import training_report
from app.services.office import init_office
from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.store import open_database


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _vn_office(path: Path) -> tuple[str, str]:
    db = init_office(path, "VN")
    org = create_record(db, "organisation", {"name": "MONRE", "type": "ministry", "country": "VN"})
    people = [
        create_record(db, "person", {"name": n, "country": "VN", "organisation_uid": org.uid}).uid
        for n in ("Nguyễn Văn Minh", "NGUYEN Van Minh")
    ]
    for year, uid in zip(("2012", "2013"), people, strict=True):
        activity = create_record(
            db,
            "activity",
            {
                "item_uid": plan_item_uid("2.5"),
                "title": f"EIA training {year}",
                "type": "training",
                "status": "completed",
                "start_date": f"{year}-03-05",
                "host_country": "VN",
            },
        ).uid
        create_record(
            db, "participation", {"activity_uid": activity, "person_uid": uid, "role": "trainee"}
        )
    db.close()
    return people[0], people[1]


def test_duplicates_link_and_the_link_reaches_the_secretariat(tmp_path: Path, capsys) -> None:
    vn, sec = tmp_path / "vn.sqlite", tmp_path / "sec.sqlite"
    a, b = _vn_office(vn)
    init_office(sec, "SEC").close()

    code, out, _ = run(capsys, "--db", str(vn), "--json", "duplicates")
    pairs = json.loads(out)["pairs"]
    assert code == 0 and len(pairs) == 1
    assert {pairs[0]["first"]["uid"], pairs[0]["second"]["uid"]} == {a, b}
    assert pairs[0]["score"] == 75
    assert [e["code"] for e in pairs[0]["evidence"]] == ["name", "country", "organisation"]
    code, out, _ = run(capsys, "--db", str(vn), "duplicates")
    assert "1 open candidate pair." in out and "same country: Viet Nam" in out

    package = str(tmp_path / "before.xlsx")
    run(capsys, "--db", str(vn), "export", "--out", package, "--to", "SEC")
    before = tmp_path / "before-sec.sqlite"
    init_office(before, "SEC").close()
    code, out, _ = run(capsys, "--db", str(vn), "--json", "keys")
    key = json.loads(out)["fingerprint"]
    code, out, err = run(capsys, "--db", str(before), "import", package, "--trust", key)
    assert (
        code == 0 and "1 pair of likely duplicates is open (1 of people, 0 of organisations)" in out
    )

    code, out, _ = run(capsys, "--db", str(vn), "--json", "link", a, b)
    assert code == 0 and json.loads(out)["verdict"] == "same"
    code, out, _ = run(capsys, "--db", str(vn), "duplicates")
    assert out.startswith("0 open candidate pairs.")

    package = str(tmp_path / "vn.xlsx")
    code, out, _ = run(capsys, "--db", str(vn), "--json", "export", "--out", package)
    assert code == 0 and json.loads(out)["records"]["identity_link"] == 1
    code, out, _ = run(capsys, "--db", str(vn), "--json", "keys")
    fingerprint = json.loads(out)["fingerprint"]
    code, out, err = run(
        capsys, "--db", str(sec), "--json", "import", package, "--trust", fingerprint
    )
    assert code == 0, err
    assert json.loads(out)["duplicates"] == {"person": 0, "organisation": 0}
    db = open_database(sec)
    try:
        assert training_report(db).trainees == 1
    finally:
        db.close()
    code, out, _ = run(capsys, "--db", str(sec), "duplicates")
    assert out.startswith("0 open candidate pairs.")


def test_refusals_are_one_line_with_exit_1(tmp_path: Path, capsys) -> None:
    vn = tmp_path / "vn.sqlite"
    a, _b = _vn_office(vn)
    code, out, err = run(capsys, "--db", str(vn), "link", a, a)
    assert code == 1 and "both ids" in err and "Traceback" not in err
    code, out, err = run(capsys, "--db", str(vn), "distinct", a, "nobody")
    assert code == 1 and "nobody" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "--db", str(vn), "duplicates", "--kind", "activity")
    assert code == 2
