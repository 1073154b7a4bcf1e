"""An import killed at random moments leaves a sound database, as before or as after.

Each run copies the same receiving database, starts ``python -m app --db ...
import FILE`` in a child process and kills it (``kill -9`` on POSIX,
TerminateProcess on Windows) after a random delay. 20 runs by default;
``--runslow`` or ``ACEC_LONG_PROOFS=1`` makes it 1,000 (``ACEC_CRASH_RUNS=N``
sets any number).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sites import LONG, assert_sound, dump, trust_each_other

from app.demo import generate_demo
from app.services.office import init_office
from app.store import open_database
from app.store.site_keys import key_path
from app.sync.export import export_package

SEED = 4242
REPO = Path(__file__).resolve().parents[2]


def _runs() -> int:
    if os.environ.get("ACEC_CRASH_RUNS"):
        return int(os.environ["ACEC_CRASH_RUNS"])
    return 1000 if LONG else 20


def _copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    shutil.copyfile(key_path(source), key_path(target))


def _import_command(db: Path, package: Path) -> list[str]:
    return [sys.executable, "-m", "app", "--db", str(db), "import", str(package)]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_import_killed_at_any_moment_leaves_before_or_after(tmp_path: Path) -> None:
    vn = init_office(tmp_path / "vn.sqlite", "VN")
    sec = init_office(tmp_path / "sec.sqlite", "SEC")
    trust_each_other(vn, sec)
    generate_demo(vn, size=1500, seed=7)
    package = tmp_path / "package.xlsx"
    export_package(vn, package, to="SEC")
    vn.close()
    before = dump(sec)
    sec.close()
    template = tmp_path / "template.sqlite"
    _copy_database(tmp_path / "sec.sqlite", template)

    work = tmp_path / "work.sqlite"
    times = []
    for _ in range(3):
        _copy_database(template, work)
        started = time.perf_counter()
        finished = subprocess.run(
            _import_command(work, package),
            env=_child_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        times.append(time.perf_counter() - started)
        assert finished.returncode == 0, finished.stderr
    full_time = sorted(times)[1]
    done = open_database(work)
    try:
        after = dump(done)
    finally:
        done.close()
    assert after != before

    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for run in range(_runs()):
        _copy_database(template, work)
        # A third of the kills anywhere, the rest around the end, where the import writes.
        delay = rng.uniform(0, full_time) if run % 3 == 0 else rng.uniform(0.6, 1.3) * full_time
        child = subprocess.Popen(
            _import_command(work, package),
            env=_child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        child.kill()
        code = child.wait(timeout=60)
        db = open_database(work)
        try:
            assert_sound(db)
            state = dump(db)
        finally:
            db.close()
        assert state in (before, after), f"run {run}: killed after {delay:.3f}s, exit {code}"
        outcomes[("after" if state == after else "before") + f" (exit {code})"] += 1
    print(f"crash runs: {dict(outcomes)}, full import {full_time:.2f}s")
    assert sum(outcomes.values()) == _runs()
