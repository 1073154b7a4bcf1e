"""The one-copy lock holds the database file itself, whatever name it is opened by.

Two copies writing one file through two names (a hard link, a symbolic link)
each keep their own ``-wal`` file, and the database ends "malformed"; so the
second copy must be refused, however it names the file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import LockedError
from app.store import open_database


def _other_names(path: Path) -> list[Path]:
    """A hard link and a symbolic link to ``path``, in another folder."""
    elsewhere = path.parent / "elsewhere"
    elsewhere.mkdir()
    hard = elsewhere / "hard-link.sqlite"
    os.link(path, hard)
    soft = elsewhere / "soft-link.sqlite"
    try:
        soft.symlink_to(path)
    except OSError:  # Windows without the right to make symbolic links
        return [hard]
    return [hard, soft]


def test_a_hard_link_and_a_symlink_meet_the_same_lock(db) -> None:
    for name in _other_names(db.path):
        with pytest.raises(LockedError, match="is already open in ACEC Tracker on"):
            open_database(name)
    assert not list(db.path.parent.joinpath("elsewhere").glob("*-wal"))


def test_the_lock_is_released_for_every_name(db) -> None:
    path = db.path
    names = _other_names(path)
    db.close()
    for name in names:
        open_database(name).close()


def test_a_second_process_through_another_name_is_refused(db) -> None:
    """Real processes: one holds the database, the next comes through a link."""
    names = _other_names(db.path)
    db.close()
    env = dict(os.environ)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from app.store import open_database; db = open_database(sys.argv[1]); "
            "print('open', flush=True); sys.stdin.read(); db.close()",
            str(db.path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        for name in names:
            second = subprocess.run(
                [sys.executable, "-m", "app", "--db", str(name), "demo", "--size", "5"],
                capture_output=True,
                text=True,
                env=env,
            )
            assert second.returncode == 1, second.stderr
            assert "is already open in ACEC Tracker on" in second.stderr
            assert str(name.resolve()) in second.stderr  # the message names the file
            assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    again = open_database(names[0])  # once the holder is gone, any name opens
    again.close()
