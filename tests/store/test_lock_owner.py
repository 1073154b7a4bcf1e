"""Who holds a database: a second copy names the first; a killed copy leaves nothing to clear.

Real processes throughout: a holder opens the database and waits, the second
copy is ``python -m app``; a killed holder is killed for real (SIGKILL on
POSIX, TerminateProcess on Windows).
"""

from __future__ import annotations

import getpass
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import LockedError, StorageError
from app.running_copy import this_copy
from app.store import open_database
from app.store.lock import LOCK_FOLDER, DatabaseLock, identity_of
from app.store.lock_owner import owner_file, read_owner

HOLD = (
    "import sys; from app.store import open_database; db = open_database(sys.argv[1]); "
    "print('open', flush=True); sys.stdin.read(); db.close()"
)
# Opens the database, hands its lock files to a child that sleeps, and dies:
# the lock outlives the process named in the owner file (as an OS lock that
# survives on a network share would).
HAND_OVER = """
import os, subprocess, sys
from app.store import open_database
db = open_database(sys.argv[1])
locks = {os.stat(p).st_ino for p in sys.argv[2:]}
fds = []
for fd in range(3, 256):
    try:
        if os.fstat(fd).st_ino in locks:
            fds.append(fd)
    except OSError:
        pass
child = subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(60)"],
    pass_fds=fds, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)
print(child.pid, flush=True)
os._exit(0)
"""


def _env() -> dict[str, str]:
    return dict(os.environ)


def _lock_paths(path: Path) -> list[Path]:
    identity = DatabaseLock(path)
    from app.locations import data_folder

    return [data_folder() / LOCK_FOLDER / f"{identity_of(path)}.lock", identity.path]


@pytest.fixture
def closed_db(db) -> Path:
    path: Path = db.path
    db.close()
    return path


@pytest.fixture
def holder(closed_db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``closed_db`` until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(closed_db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stdout.readline() == "open\n"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)
    for pipe in (proc.stdin, proc.stdout):  # a pipe left open warns (ResourceWarning)
        if pipe is not None:
            pipe.close()


def _second(path: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--db", str(path), *command],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )


def test_the_second_copy_names_the_first(closed_db: Path, holder) -> None:
    second = _second(closed_db, "stats")
    assert second.returncode == 1, second.stderr
    message = second.stderr
    assert f"The database {closed_db} is already open in ACEC Tracker on {platform.node()}" in (
        message
    )
    assert f"by {getpass.getuser()}" in message and f"process {holder.pid}" in message
    assert "started " in message and "Close that copy first." in message
    assert "Traceback" not in message and message.count("\n") == 1


def test_the_holder_says_who_it_is_owner_only(closed_db: Path, holder) -> None:
    for lock in _lock_paths(closed_db):
        owner = read_owner(lock)
        assert owner is not None and owner.pid == holder.pid
        assert owner.host == platform.node() and owner.role == "command"
        if os.name == "posix":
            assert owner_file(lock).stat().st_mode & 0o077 == 0


def test_a_killed_holder_leaves_nothing_to_clear(closed_db: Path, holder) -> None:
    holder.kill()  # SIGKILL: no clean-up runs in the holder
    holder.wait(timeout=30)
    stale = [owner_file(lock) for lock in _lock_paths(closed_db)]
    assert all(p.exists() for p in stale)  # the killed copy's note is left behind ...
    db = open_database(closed_db)  # ... and ignored: the OS released the locks at once
    try:
        for lock in _lock_paths(closed_db):
            owner = read_owner(lock)
            assert owner is not None and owner.pid == os.getpid()  # overwritten by this copy
    finally:
        db.close()
    assert not any(p.exists() for p in stale)  # a clean close takes its note away


def test_an_unreadable_owner_note_never_blocks(closed_db: Path) -> None:
    for lock in _lock_paths(closed_db):
        lock.parent.mkdir(parents=True, exist_ok=True)
        owner_file(lock).write_text("{not json", encoding="utf-8")
        owner_file(lock).chmod(0o644)
    db = open_database(closed_db)
    try:
        for lock in _lock_paths(closed_db):
            assert read_owner(lock) == this_copy()  # made anew by this copy ...
            if os.name == "posix":  # ... and for its owner only
                assert owner_file(lock).stat().st_mode & 0o077 == 0
    finally:
        db.close()


def test_without_the_note_the_old_message_stays(closed_db: Path, holder) -> None:
    for lock in _lock_paths(closed_db):
        owner_file(lock).unlink()
    with pytest.raises(LockedError, match="already open in another copy of ACEC Tracker"):
        open_database(closed_db)


def test_a_window_holder_is_named_as_the_window(closed_db: Path) -> None:
    env = _env() | {"QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(closed_db), "--lang", "en"], env=env
    )
    try:
        note = owner_file(_lock_paths(closed_db)[0])
        deadline = time.monotonic() + 60
        while not note.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert json.loads(note.read_text(encoding="utf-8"))["role"] == "window"
        second = _second(closed_db, "export", "--out", str(closed_db.parent / "x.xlsx"))
        assert second.returncode == 1
        assert "the window" in second.stderr and f"process {window.pid}" in second.stderr
        window.kill()  # a window killed (or crashed) mid-work
        window.wait(timeout=30)
        again = _second(closed_db, "stats")
        assert again.returncode == 0, again.stderr  # nothing to delete by hand
    finally:
        if window.poll() is None:
            window.kill()
            window.wait(timeout=30)


@pytest.mark.skipif(os.name != "posix", reason="pass_fds: POSIX only")
def test_a_lock_outliving_its_holder_says_what_to_do(closed_db: Path) -> None:
    locks = _lock_paths(closed_db)
    for lock in locks:  # the holder's lock files must exist before it starts
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.touch()
    out = subprocess.run(
        [sys.executable, "-c", HAND_OVER, str(closed_db), *map(str, locks)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    child = int(out.stdout.strip())
    try:
        with pytest.raises(LockedError) as caught:
            open_database(closed_db)
        message = caught.value.message
        assert "has ended" in message and "restart the computer" in message
        assert platform.node() in message
    finally:
        os.kill(child, 9)
    time.sleep(0.5)  # the OS frees the lock as the child dies
    open_database(closed_db).close()


# platformdirs takes the data folder from XDG_DATA_HOME on Linux and the BSDs only.
XDG_ONLY = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG_DATA_HOME")


@XDG_ONLY
def test_an_unusable_data_folder_is_named(closed_db: Path, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "data-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    env = _env() | {"XDG_DATA_HOME": str(not_a_folder)}
    second = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(closed_db), "stats"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert second.returncode == 1
    assert "Traceback" not in second.stderr and second.stderr.count("\n") == 1
    assert str(not_a_folder) in second.stderr and "data folder" in second.stderr


@XDG_ONLY
def test_an_unusable_data_folder_in_process(closed_db: Path, tmp_path, monkeypatch) -> None:
    not_a_folder = tmp_path / "data-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(not_a_folder))
    with pytest.raises(StorageError, match="data folder"):
        open_database(closed_db)


def test_this_copy_describes_itself() -> None:
    me = this_copy()
    assert me.pid == os.getpid() and me.host == platform.node()
    assert me.user == getpass.getuser()


@XDG_ONLY
def test_a_refused_init_leaves_no_empty_file(tmp_path: Path, monkeypatch) -> None:
    from app.services.office import init_office

    not_a_folder = tmp_path / "data-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(not_a_folder))
    with pytest.raises(StorageError, match="data folder"):
        init_office(tmp_path / "new.sqlite", "LA", None)
    assert not (tmp_path / "new.sqlite").exists()
