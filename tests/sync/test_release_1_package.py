"""A package made by the first release imports into this version unchanged.

Offices upgrade one at a time: for months the secretariat receives packages
from older programs, and refusing them would stop those offices.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.acec_process import run_acec

FIXTURE = Path(__file__).parent / "fixtures" / "release-1-vn-to-sec.xlsx"
FINGERPRINT = "BA3D-12E4-D915-08F5"  # Viet Nam's key in that release's demo


def test_a_first_release_package_imports_whole(tmp_path: Path) -> None:
    package = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, package)
    db = str(tmp_path / "sec.sqlite")
    assert run_acec(tmp_path, "--db", db, "init", "--site", "SEC").returncode == 0

    done = run_acec(tmp_path, "--db", db, "--json", "import", str(package), "--trust", FINGERPRINT)
    assert done.returncode == 0, done.stderr
    stats = json.loads(run_acec(tmp_path, "--db", db, "--json", "stats").stdout)
    assert stats["records"]["person"] == 40 and stats["records"]["participation"] == 48
    assert stats["records"]["activity"] == 10 and stats["records"]["funding"] == 10

    again = run_acec(tmp_path, "--db", db, "--json", "import", str(package), "--trust", FINGERPRINT)
    assert again.returncode == 0, again.stderr  # idempotent: nothing new the second time
    assert json.loads(run_acec(tmp_path, "--db", db, "--json", "stats").stdout) == stats
