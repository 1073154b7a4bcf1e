"""The proofs: seeded, bounded example counts; a long run is one flag away.

``pytest --runslow tests/proofs`` (or ``ACEC_LONG_PROOFS=1``) multiplies the
example counts and runs the crash test 1,000 times instead of 20.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--runslow", default=False):
        os.environ["ACEC_LONG_PROOFS"] = "1"
