"""Running the real command line in a child process, as a user's shell would.

Used by tests that need what only a separate process shows: stderr and exit
status as printed, a lock held by another process, a kill mid-write.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def acec_env(tmp_path: Path, *, pythonpath: Iterable[Path] = (), **extra: str) -> dict[str, str]:
    """The child's environment: this checkout first on the path, data under ``tmp_path``."""
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join(str(p) for p in [*pythonpath, CHECKOUT]),
        "XDG_DATA_HOME": str(tmp_path / "data"),  # the per-user data folder, not the tester's
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.update(extra)
    return env


def run_acec(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` in a child; its output captured, never raising on failure."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env if env is not None else acec_env(tmp_path),
        timeout=120,
        check=False,
    )
