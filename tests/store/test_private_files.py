"""Every file the program creates is readable by its owner only; the error log holds no values."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app.logging_setup import log_path, log_unexpected
from app.models import model_of
from app.services.records import create_record
from app.store import Database
from app.store.site_keys import key_path

posix_only = pytest.mark.skipif(
    os.name != "posix", reason="Windows files take the profile folder's ACL, not mode bits"
)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The common default umask (022), under which today's files come out 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_database_and_its_wal_and_shm_are_private(make_db) -> None:
    db: Database = make_db("VN")
    create_record(db, "person", {"name": "Private Person", "country": "VN"})
    with db.engine.connect():  # the -wal and -shm exist while a connection is open
        files = [db.path, Path(f"{db.path}-wal"), Path(f"{db.path}-shm"), key_path(db.path)]
        assert {f.name: mode_of(f) for f in files} == {f.name: 0o600 for f in files}


@posix_only
def test_backups_are_private(db: Database) -> None:
    backup = db.backup("test")
    assert mode_of(backup) == 0o600


@posix_only
def test_packages_list_exports_and_dumps_are_private(db: Database, tmp_path: Path) -> None:
    from app.cli import main
    from app.services.list_export import write_rows_xlsx
    from app.sync.export import export_package

    create_record(db, "person", {"name": "Private Person", "country": "VN"})
    package = export_package(db, tmp_path / "package.xlsx").path
    listing = tmp_path / "people.xlsx"
    write_rows_xlsx(listing, "People", ["Name"], [["Private Person"]])
    dump = tmp_path / "dump.json"
    db.close()
    assert main(["--db", str(db.path), "dump", "--out", str(dump)]) == 0
    files = [package, listing, dump]
    assert {f.name: mode_of(f) for f in files} == {f.name: 0o600 for f in files}


@posix_only
def test_reports_are_private(qapp, db: Database, tmp_path: Path) -> None:
    from app.reports.catalogue import ReportRequest, build_report
    from app.reports.render_pdf import write_pdf
    from app.reports.render_xlsx import write_xlsx

    report = build_report(db, ReportRequest(kind="progress", language="en"))
    write_pdf(report, tmp_path / "r.pdf")
    write_xlsx(report, tmp_path / "r.xlsx")
    assert (mode_of(tmp_path / "r.pdf"), mode_of(tmp_path / "r.xlsx")) == (0o600, 0o600)


def _provoke_integrity_error(db: Database) -> IntegrityError:
    """Insert a second record with an existing id: SQLite refuses it."""
    uid = create_record(db, "person", {"name": "First Person", "country": "VN"}).uid
    row = {
        "uid": uid,
        "owner": "VN",
        "version": "1300000000000.000001.VN",
        "deleted": False,
        "name": "Secret Name Nguyen",
        "country": "VN",
        "email": "secret.value@vn.example",
        "consent": False,
    }
    with pytest.raises(IntegrityError) as caught, db.session() as session:
        session.execute(insert(model_of("person")), [row])
    return caught.value


def test_the_error_log_records_no_record_values(db: Database) -> None:
    log_path().unlink(missing_ok=True)
    error = _provoke_integrity_error(db)
    path = log_unexpected(error)
    text = path.read_text(encoding="utf-8")
    assert "UNIQUE constraint failed: person.uid" in text  # what went wrong is kept
    assert "INSERT INTO person" in text  # and which statement
    for value in ("Secret Name Nguyen", "secret.value@vn.example"):
        assert value not in text
    assert value not in str(error)  # the message a caller might show holds none either
    if os.name == "posix":
        assert mode_of(path) == 0o600


@posix_only
def test_an_old_open_error_log_is_narrowed(db: Database) -> None:
    path = log_path()
    path.write_text("an older entry\n", encoding="utf-8")
    path.chmod(0o644)
    log_unexpected(RuntimeError("boom"))
    assert mode_of(path) == 0o600
    assert path.read_text(encoding="utf-8").startswith("an older entry\n")


def test_parameters_of_an_engine_made_elsewhere_are_cut_from_the_log(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")  # parameters shown
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"))
        conn.execute(text("INSERT INTO t VALUES (1, 'a')"))
    with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
        name = "".join(["Sec", "ret ]x"])  # not in this file's source, which a traceback quotes
        conn.execute(text("INSERT INTO t VALUES (:id, :name)"), {"id": 1, "name": name})
    engine.dispose()
    assert "Secret ]x" in str(caught.value)
    log_path().unlink(missing_ok=True)
    written = log_unexpected(caught.value).read_text(encoding="utf-8")
    assert "Secret ]" not in written and "[parameters: hidden]" in written
    assert "INSERT INTO t VALUES" in written


@posix_only
def test_an_error_log_begun_by_a_warning_is_private(db: Database) -> None:
    """A replaced key file is the first thing many offices log: the log is still private."""
    from app.store import open_database

    path = db.path
    db.close()
    log_path().unlink(missing_ok=True)
    key_path(path).unlink()
    reopened = open_database(path)  # makes a new key and logs the warning
    reopened.close()
    assert "new key" in log_path().read_text(encoding="utf-8")
    assert mode_of(log_path()) == 0o600
