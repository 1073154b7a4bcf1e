"""The bundle (build.spec) against the venv: its size, and how fast it starts.

Budget: under 250 MB unpacked. Start-up is measured in the same run for the
bundle's executables and for ``python -m app`` from the venv, as whole
processes from launch to exit: ``--version``, and the window until it shows
the database (``ACEC_QUIT_WHEN_READY`` makes it quit there), offscreen.

    .venv/bin/python bench/bench_bundle.py [--bundle dist/acec-tracker] [--build] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 250
WINDOW_EXE = "ACEC Tracker" if sys.platform in ("win32", "darwin") else "acec-tracker"
SUFFIX = ".exe" if os.name == "nt" else ""


def build(dist: Path) -> float:
    """Build the bundle into ``dist``; return the seconds it took."""
    begin = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
        + ["--distpath", str(dist), "--workpath", str(ROOT / "build" / "pyinstaller")]
        + [str(ROOT / "build.spec")],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - begin


def size_mb(folder: Path) -> tuple[float, list[tuple[str, float]]]:
    """The folder's size in MB (symlinks not counted twice) and its five largest parts."""
    parts: dict[str, int] = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(folder).parts
            key = "/".join(rel[:2]) if rel[0] == "_internal" and len(rel) > 2 else "/".join(rel)
            parts[key] = parts.get(key, 0) + path.stat().st_size
    total = sum(parts.values()) / 1e6
    largest = sorted(parts.items(), key=lambda kv: -kv[1])[:5]
    return total, [(name, size / 1e6) for name, size in largest]


def timed(command: list[str], env: dict[str, str], runs: int) -> float:
    """Median seconds from launch to exit of ``command``."""
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "acec-tracker")
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.build or not args.bundle.exists():
        print(f"build: {build(args.bundle.parent):.0f} s")
    total, largest = size_mb(args.bundle)
    verdict = "within" if total < BUDGET_MB else "OVER"
    print(f"size: {total:.0f} MB unpacked ({verdict} the {BUDGET_MB} MB budget)")
    for name, mb in largest:
        print(f"  {mb:6.1f} MB  {name}")

    work = Path(tempfile.mkdtemp(prefix="acec-bench-bundle-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(work / "data")}
    env |= {"XDG_CONFIG_HOME": str(work / "config"), "QT_LOGGING_RULES": "qt.qpa.*=false"}
    venv_env = env | {"PYTHONPATH": str(ROOT)}
    cli = [str(args.bundle / ("acec" + SUFFIX))]
    window = [str(args.bundle / (WINDOW_EXE + SUFFIX))]
    python = [sys.executable, "-m", "app"]
    db = str(work / "office.sqlite")
    subprocess.run([*cli, "--db", db, "init", "--site", "VN"], env=env, check=True)
    subprocess.run([*cli, "--db", db, "demo", "--size", "2000"], env=env, check=True)

    rows = [
        ("--version", cli + ["--version"], python + ["--version"], {}),
        ("window shows the database", window + ["--db", db], python + ["--db", db],
         {"ACEC_QUIT_WHEN_READY": "1"}),
    ]  # fmt: skip
    for name, bundled, venv, extra in rows:
        timed(bundled, env | extra, 1)  # a first run fills the disk cache for both
        b = timed(bundled, env | extra, args.runs)
        v = timed(venv, venv_env | extra, args.runs)
        print(f"{name:27s} bundle {b * 1000:6.0f} ms   venv {v * 1000:6.0f} ms   ({b / v:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
