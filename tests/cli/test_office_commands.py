"""The command line: each command, its exit status, its JSON and its one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_stats_check_json(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "vn.sqlite")
    code, out, _ = run(
        capsys, "--db", db, "--json", "init", "--site", "vn", "--name", "Hà Nội focal point"
    )
    assert code == 0
    assert json.loads(out) == {
        "ok": True,
        "site": "VN",
        "office": "Hà Nội focal point",
        "db": str(Path(db).resolve()),
    }
    code, out, _ = run(capsys, "--db", db, "--json", "stats")
    data = json.loads(out)
    assert code == 0 and data["site"] == "VN" and data["records"]["plan_item"] == 11
    assert data["records"]["activity"] == 0 and data["demo"] is False
    code, out, _ = run(
        capsys, "--db", db, "check", "--json"
    )  # global options after the command too
    assert code == 0 and json.loads(out)["integrity"] == "ok"


def test_text_output_is_readable(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "kh.sqlite")
    run(capsys, "--db", db, "init", "--site", "KH")
    code, out, _ = run(capsys, "--db", db, "stats")
    assert code == 0 and "Focal point, Cambodia (KH)" in out and "Plan items: 11" in out


def test_chinese_output(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cn.sqlite")
    code, out, _ = run(capsys, "--db", db, "--lang", "zh_CN", "init", "--site", "CN")
    assert code == 0 and "中国" in out  # the country name comes from CLDR


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["init", "--site", "XX"], 1, "Unknown site code “XX”"),
        (["stats"], 1, "No database at"),
        (["frobnicate"], 2, "invalid choice"),
        (["init"], 2, "--site"),
        (["demo", "--size", "-3"], 2, "must be at least 1"),
        (["--lang", "qq_ZZ", "stats"], 2, "Unknown language"),
    ],
)
def test_bad_input_one_line_and_status(tmp_path: Path, capsys, args, code, message) -> None:
    got, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite"), *args)
    assert got == code
    assert message in err
    assert "Traceback" not in err + out


def test_not_a_database(tmp_path: Path, capsys) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"PK\x03\x04 a zip, not a database")
    code, out, err = run(capsys, "--db", str(junk), "--json", "stats")
    assert code == 1 and err.count("\n") == 1 and "not an ACEC Tracker database" in err
    assert json.loads(out)["ok"] is False


def test_dump_is_canonical_and_identical_across_sites(tmp_path: Path, capsys) -> None:
    a, b = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    run(capsys, "--db", a, "init", "--site", "VN")
    run(capsys, "--db", b, "init", "--site", "SEC")
    _, dump_a, _ = run(capsys, "--db", a, "dump")
    _, dump_a2, _ = run(capsys, "--db", a, "dump")
    _, dump_b, _ = run(capsys, "--db", b, "dump")
    assert dump_a == dump_a2 == dump_b  # same reference data, same bytes, whatever the site
    data = json.loads(dump_a)
    assert list(data) == sorted(data)
    items = data["plan_item"]
    assert [r["uid"] for r in items] == sorted(r["uid"] for r in items)
    assert set(items[0]) == {"uid", "owner", "version", "deleted", "fields"}
    out_file = tmp_path / "dump.json"
    assert run(capsys, "--db", a, "dump", "--out", str(out_file))[0] == 0
    assert out_file.read_text(encoding="utf-8") == dump_a


def test_a_real_process_with_version_and_lock(tmp_path: Path) -> None:
    env = dict(os.environ)
    exe = [sys.executable, "-m", "app"]
    version = subprocess.run([*exe, "--version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and version.stdout.startswith("acec ")
    db = tmp_path / "lock.sqlite"
    assert subprocess.run([*exe, "--db", str(db), "init", "--site", "LA"], env=env).returncode == 0
    # A second program on the same database while this test holds it open.
    from app.store import open_database

    holder = open_database(db)
    try:
        second = subprocess.run(
            [*exe, "--db", str(db), "stats"], capture_output=True, text=True, env=env
        )
    finally:
        holder.close()
    assert second.returncode == 1
    assert (
        "is already open in ACEC Tracker on" in second.stderr and "Traceback" not in second.stderr
    )


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    env = dict(os.environ)
    db = tmp_path / "pipe.sqlite"
    exe = [sys.executable, "-m", "app", "--db", str(db)]
    subprocess.run([*exe, "init", "--site", "TH"], env=env, check=True, capture_output=True)
    stats = subprocess.Popen(
        [*exe, "stats"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert stats.stdout is not None and stats.stderr is not None
    stats.stdout.close()  # the reader is gone before a line is written, like `| head -0`
    assert stats.wait() == 0
    err = stats.stderr.read()
    stats.stderr.close()
    assert b"Unexpected error" not in err and b"BrokenPipeError" not in err
