"""Benchmark: a 100,000-record sync package, export and import, against the fastest tools.

In one run, each step in its own process (so peak memory is that step's):

- export: ``export_package`` from a country database with N records;
- baseline write: xlsxwriter in constant-memory mode writing the same cells
  (values loaded beforehand, not timed);
- import: ``import_package`` into a fresh secretariat database (guard, read,
  validate, hashes, signature, backup, apply);
- baseline read + insert: python-calamine reading the same data sheets plus a
  SQLAlchemy Core bulk insert of the rows into the same tables, one transaction;
- raw floor: python-calamine reading every data sheet plus sqlite3 ``executemany``
  into plain tables (no index), one transaction, WAL, ``synchronous=FULL``.

Budgets (DESIGN.md): export ≤ 1.5× baseline write; import ≤ 2× the raw floor
(its ratio to the Core baseline is printed too); peak memory under 300 MB.

    .venv/bin/python bench/bench_sync.py [--records 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux/macOS); 0 where unknown.

    On Linux VmHWM is read, because ``ru_maxrss`` survives exec and would
    report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --- building the source database -------------------------------------------------

FIRST = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"]
LAST = ["Van An", "Thi Binh", "Minh Chau", "Quoc Dung", "Thu Ha", "Duc Huy", "Lan Anh"]


def build_source(path: Path, records: int) -> None:
    """A Viet Nam office with ``records`` records of its own, inserted in bulk."""
    from sqlalchemy import insert

    from app.models import model_of
    from app.models.reference_ids import plan_item_uid
    from app.services.office import init_office

    rng = random.Random(7)
    db = init_office(path, "VN")
    counter = [0]

    def version() -> str:
        counter[0] += 1
        return f"{1700000000000 + counter[0] // 100:013d}.{counter[0] % 100:06d}.VN"

    def sync() -> dict[str, Any]:
        return {"uid": str(uuid.uuid4()), "owner": "VN", "version": version(), "deleted": False}

    shares = {"organisation": 0.02, "activity": 0.08, "person": 0.40, "funding": 0.10}
    n = {k: max(1, int(records * s)) for k, s in shares.items()}
    n["participation"] = records - sum(n.values())
    items = [plan_item_uid(c) for c in ("1.2", "2.5", "2.6", "3.3", "4.2")]
    rows: dict[str, list[dict[str, Any]]] = {}
    rows["organisation"] = [
        sync()
        | {
            "name": f"Department {i} of Natural Resources",
            "name_local": f"Sở Tài nguyên {i}",
            "abbreviation": f"D{i:04d}",
            "type": rng.choice(["ministry", "ngo", "school", "research"]),
            "country": "VN",
            "website": f"https://example.vn/{i}",
        }
        for i in range(n["organisation"])
    ]
    orgs = [r["uid"] for r in rows["organisation"]]
    rows["activity"] = [
        sync()
        | {
            "item_uid": rng.choice(items),
            "title": f"Workshop {i} on environmental management",
            "title_local": f"Hội thảo {i}",
            "type": "training",
            "status": "completed",
            "topic": rng.choice(["eia", "monitoring", "pollution"]),
            "start_date": dt.date(2011, 1, 1) + dt.timedelta(days=i % 1000),
            "end_date": dt.date(2011, 1, 3) + dt.timedelta(days=i % 1000),
            "host_country": "VN",
            "city": "Hà Nội",
            "countries": "KH LA VN",
            "notes": "=not a formula; " * 3,
        }
        for i in range(n["activity"])
    ]
    acts = [r["uid"] for r in rows["activity"]]
    rows["person"] = [
        sync()
        | {
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
            "name_local": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "gender": rng.choice("fmx"),
            "country": "VN",
            "organisation_uid": rng.choice(orgs),
            "position": "Officer",
            "category": "official",
            "email": f"person{i}@example.vn",
            "phone": f"0{rng.randrange(10**9):09d}",
            "consent": bool(i % 2),
        }
        for i in range(n["person"])
    ]
    people = [r["uid"] for r in rows["person"]]
    rows["participation"] = [
        sync()
        | {
            "activity_uid": rng.choice(acts),
            "person_uid": rng.choice(people),
            "role": "trainee",
            "completed": True,
            "certificate": f"{i:08d}",
        }
        for i in range(n["participation"])
    ]
    rows["funding"] = [
        sync()
        | {
            "activity_uid": rng.choice(acts),
            "kind": "disbursement",
            "source": "cafund",
            "donor_uid": rng.choice(orgs),
            "amount": f"{rng.randrange(100, 10**8)}.{rng.randrange(100):02d}",
            "currency": "USD",
            "date": dt.date(2012, 1, 1) + dt.timedelta(days=i % 700),
            "notes": None,
        }
        for i in range(n["funding"])
    ]
    with db.session() as session:
        for kind in ("organisation", "activity", "person", "participation", "funding"):
            session.execute(insert(model_of(kind)), rows[kind])
        from app.store.clock import observe_versions

        observe_versions(session, "VN", [version()])
    db.close()


# --- the measured steps (each in its own process) ---------------------------------


def step_export(args: argparse.Namespace) -> dict[str, Any]:
    from app.store import open_database
    from app.sync.export import export_package

    db = open_database(args.db)
    start = time.perf_counter()
    result = export_package(db, Path(args.out), to="SEC")
    seconds = time.perf_counter() - start
    db.close()
    return {"seconds": seconds, "records": result.total}


def _package_cells(path: Path) -> list[tuple[str, list[list[Any]]]]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return [(name, list(book.get_sheet_by_name(name).iter_rows())) for name in book.sheet_names[2:]]


def step_baseline_write(args: argparse.Namespace) -> dict[str, Any]:
    import xlsxwriter

    sheets = _package_cells(Path(args.package))
    start = time.perf_counter()
    book = xlsxwriter.Workbook(args.out, {"constant_memory": True})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    money = book.add_format({"num_format": "#,##0.00"})
    cells = 0
    for name, rows in sheets:
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "" or value is None:
                    continue
                cells += 1
                if isinstance(value, str):
                    ws.write_string(r, c, value, text)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, float):
                    ws.write_number(r, c, value, money)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, date)
    book.close()
    return {"seconds": time.perf_counter() - start, "cells": cells}


def step_import(args: argparse.Namespace) -> dict[str, Any]:
    import python_calamine

    from app.store import open_database
    from app.sync.importer import import_package

    book = python_calamine.CalamineWorkbook.from_path(args.package)
    manifest = {r[0]: r[1] for r in book.get_sheet_by_name("Manifest").iter_rows()}
    book.close()
    db = open_database(args.db)
    start = time.perf_counter()
    result = import_package(db, Path(args.package), trust=manifest["signature.fingerprint"])
    seconds = time.perf_counter() - start
    db.close()
    return {"seconds": seconds, "applied": result.preview.changes}


def step_baseline_read_insert(args: argparse.Namespace) -> dict[str, Any]:
    import python_calamine
    from sqlalchemy import insert

    from app.models import model_of
    from app.store import open_database
    from app.sync.layout import LABEL_SUFFIX

    db = open_database(args.db)
    start = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(args.package)
    manifest = {r[0]: r[1] for r in book.get_sheet_by_name("Manifest").iter_rows()}
    kinds = {v: k.split(".")[1] for k, v in manifest.items() if k.endswith(".title")}
    read_rows = 0
    with db.session() as session:
        for name in book.sheet_names[2:]:
            rows = book.get_sheet_by_name(name).iter_rows()
            next(rows)
            keys = next(rows)
            wanted = [
                (i, k) for i, k in enumerate(keys) if k != "check" and not k.endswith(LABEL_SUFFIX)
            ]
            batch = [{k: (row[i] if row[i] != "" else None) for i, k in wanted} for row in rows]
            read_rows += len(batch)
            session.execute(insert(model_of(kinds[name])), batch)
    seconds = time.perf_counter() - start
    db.close()
    return {"seconds": seconds, "rows": read_rows}


def step_raw_floor(args: argparse.Namespace) -> dict[str, Any]:
    """The import's floor: calamine reading every data sheet, sqlite3 inserting its rows.

    Plain tables (one untyped column per value column, no index or constraint) in
    one transaction, WAL and ``synchronous=FULL`` as the program's databases run.
    """
    import sqlite3

    import python_calamine

    from app.sync.layout import CHECK_KEY, LABEL_SUFFIX

    start = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(args.package)
    connection = sqlite3.connect(args.db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("BEGIN")
    read_rows = 0
    for number, name in enumerate(book.sheet_names[2:]):
        rows = book.get_sheet_by_name(name).iter_rows()
        next(rows)
        keys = next(rows)
        wanted = [
            i for i, k in enumerate(keys) if k != CHECK_KEY and not str(k).endswith(LABEL_SUFFIX)
        ]
        table = f"sheet_{number}"
        columns = ", ".join(f'"{keys[i]}"' for i in wanted)
        connection.execute(f"CREATE TABLE {table} ({columns})")
        marks = ", ".join("?" for _ in wanted)
        batch = [tuple(row[i] if row[i] != "" else None for i in wanted) for row in rows]
        read_rows += len(batch)
        connection.executemany(f"INSERT INTO {table} VALUES ({marks})", batch)
    connection.execute("COMMIT")
    connection.close()
    return {"seconds": time.perf_counter() - start, "rows": read_rows}


STEPS = {
    "export": step_export,
    "baseline-write": step_baseline_write,
    "import": step_import,
    "baseline-read-insert": step_baseline_read_insert,
    "raw-floor": step_raw_floor,
}


def run_step(step: str, **options: str) -> dict[str, Any]:
    """Run one step in a fresh interpreter; return its timing and peak memory."""
    command = [sys.executable, __file__, "--step", step]
    for key, value in options.items():
        command += [f"--{key}", value]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--step", choices=sorted(STEPS))
    parser.add_argument("--db")
    parser.add_argument("--out")
    parser.add_argument("--package")
    args = parser.parse_args()
    if args.step:
        result = STEPS[args.step](args)
        result["peak_mb"] = peak_mb()
        print(json.dumps(result))
        return

    folder = Path(tempfile.mkdtemp(prefix="acec-bench-sync-"))
    try:
        source, package = folder / "vn.sqlite", folder / "vn-to-sec.xlsx"
        print(f"Building a VN database with {args.records:,} records…", flush=True)
        build_source(source, args.records)
        from app.services.office import init_office

        sec_a, sec_b = folder / "sec-a.sqlite", folder / "sec-b.sqlite"
        init_office(sec_a, "SEC").close()
        init_office(sec_b, "SEC").close()

        export = run_step("export", db=str(source), out=str(package))
        write = run_step("baseline-write", package=str(package), out=str(folder / "plain.xlsx"))
        imported = run_step("import", db=str(sec_a), package=str(package))
        read = run_step("baseline-read-insert", db=str(sec_b), package=str(package))
        floor = run_step("raw-floor", db=str(folder / "floor.sqlite"), package=str(package))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    export_ratio = export["seconds"] / write["seconds"]
    import_ratio = imported["seconds"] / floor["seconds"]
    core_ratio = imported["seconds"] / read["seconds"]
    print(f"package: {export['records']:,} records, {write['cells']:,} cells")
    print(f"export                 {export['seconds']:6.2f} s  peak {export['peak_mb']:5.0f} MB")
    print(f"xlsxwriter baseline    {write['seconds']:6.2f} s  peak {write['peak_mb']:5.0f} MB")
    print(
        f"import                 {imported['seconds']:6.2f} s  peak {imported['peak_mb']:5.0f} MB"
    )
    print(f"calamine + Core insert {read['seconds']:6.2f} s  peak {read['peak_mb']:5.0f} MB")
    print(f"raw floor (sqlite3)    {floor['seconds']:6.2f} s  peak {floor['peak_mb']:5.0f} MB")
    print(
        f"export ratio {export_ratio:.2f} (budget 1.5)   import ratio {import_ratio:.2f} against "
        f"the raw floor (budget 2.0); {core_ratio:.2f} against calamine + Core insert"
    )
    peak = max(export["peak_mb"], imported["peak_mb"])
    print(f"peak memory of export/import {peak:.0f} MB (budget 300)")
    verdict = export_ratio <= 1.5 and import_ratio <= 2.0 and peak < 300
    print("within budget" if verdict else "OVER BUDGET")


if __name__ == "__main__":
    main()
