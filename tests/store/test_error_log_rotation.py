"""The error log rotates by size and every one of its files is its owner's only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.logging_setup import LOG_FILES_KEPT, LOG_MAX_BYTES, log_notice, log_path, log_unexpected


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    old = os.umask(0o022)  # the common default, under which plain files come out 0644
    yield tmp_path / "xdg"
    os.umask(old)


def test_the_log_rotates_at_its_size_and_keeps_three_old_files() -> None:
    entry = "a warning the user was shown " * 40  # about 1.2 kB
    for number in range(4 * LOG_MAX_BYTES // len(entry) + 50):
        log_notice(f"<{number}> {entry}")
    try:
        raise ValueError("the newest entry")
    except ValueError as exc:
        log_unexpected(exc)
    current = log_path()
    files = sorted(current.parent.glob(current.name + "*"))
    assert [p.name for p in files] == [current.name] + [
        f"{current.name}.{n}" for n in range(1, LOG_FILES_KEPT + 1)
    ]
    for path in files:
        assert path.stat().st_size <= LOG_MAX_BYTES
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert "the newest entry" in current.read_text(encoding="utf-8")
    assert "<0> a warning" not in "".join(p.read_text(encoding="utf-8") for p in files)


def test_a_warning_goes_to_a_private_file() -> None:
    path = log_notice("The key file was missing")
    assert "The key file was missing" in path.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
