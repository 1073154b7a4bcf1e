"""How fast the duplicate check (``acec duplicates``) runs, and how it grows.

Budget (issue 15): at most 10 s on 100,000 people, growing no worse than
n log n. Measured at 10k, 100k and 300k people of the region (demo names,
so common names crowd into large blocks as they do in real lists), one in a
hundred entered a second time by another office (another spelling, the same
e-mail); printed in CPU seconds (the machine is shared), as a ratio against a
floor measured in the same run (reading the same people and folding each name
once), and with the ratios of the times against the n log n ratios.

    .venv/bin/python bench/bench_duplicates.py [--sizes 10000 100000 300000]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from anyascii import anyascii  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.demo.names import person_name  # noqa: E402
from app.models import Organisation, Person  # noqa: E402
from app.services.duplicates import find_duplicates  # noqa: E402
from app.services.office import init_office  # noqa: E402
from app.store import Database  # noqa: E402

COUNTRIES = ("VN", "VN", "VN", "TH", "KH", "LA", "MM", "ID", "MY", "PH", "SG", "BN", "TL", "CN")
SECONDS_BUDGET = 10.0
GROWTH_SLACK = 1.25  # the measured ratio may exceed n log n's by this much (timing noise)


def build(path: Path, size: int) -> Database:
    """A secretariat database with ``size`` people; every hundredth one entered twice."""
    db = init_office(path, "SEC")
    rng = random.Random(15)
    orgs = [
        {"uid": f"org-{i}", "owner": "VN", "version": "1", "deleted": False, "type": "ministry",
         "name": f"Viện Môi trường số {i}", "country": "VN"}
        for i in range(300)
    ]  # fmt: skip
    people = []
    for i in range(size):
        country = rng.choice(COUNTRIES)
        name, local = person_name(rng, country, rng.choice("mf"))
        org = rng.choice(orgs)["uid"]
        email = f"user{i}@example.org"
        if i % 100 == 99:  # the previous person again, entered by another office
            name, local, email, country = (
                people[-1]["name"].upper(),
                None,
                people[-1]["email"],
                people[-1]["country"],
            )
        row = {"uid": f"p-{i:06d}", "owner": country, "version": "1", "deleted": False,
               "name": name, "name_local": local, "country": country,
               "organisation_uid": org, "email": email}  # fmt: skip
        people.append(row)
    with db.session() as session:
        session.execute(Organisation.__table__.insert(), orgs)
        session.execute(Person.__table__.insert(), people)
    return db


def floor(db: Database) -> float:
    """CPU seconds to read what the check reads (the people with their organisation's name)
    and to fold each name once: what no check can go below."""
    begin = time.process_time()
    with db.read_session() as session:
        rows = session.execute(
            select(Person.uid, Person.name, Person.country, Organisation.name, Person.email)
            .outerjoin(Organisation, Organisation.uid == Person.organisation_uid)
            .where(Person.deleted.is_(False))
        ).all()
    folded = [anyascii(name).lower() for _uid, name, *_rest in rows]
    assert len(folded) == len(rows)
    return time.process_time() - begin


def measure(size: int) -> tuple[float, float, int]:
    """CPU seconds for one full check of ``size`` people, the floor, and the pairs proposed."""
    folder = Path(tempfile.mkdtemp(prefix="acec-bench-duplicates-"))
    db = build(folder / "people.sqlite", size)
    try:
        base = floor(db)
        begin = time.process_time()
        found = find_duplicates(db, "person")
        return time.process_time() - begin, base, len(found)
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    args = parser.parse_args()
    ok = True
    results: list[tuple[int, float]] = []
    for size in args.sizes:
        seconds, base, pairs = measure(size)
        line = (
            f"{size:>8,} people: {seconds:6.2f} s CPU, x{seconds / base:.1f} the floor "
            f"({base:.2f} s: read the people, fold each name), {pairs:,} candidate pairs"
        )
        if size == 100_000:
            good = seconds <= SECONDS_BUDGET
            ok = ok and good
            line += f"  ({'ok' if good else 'OVER'}: budget {SECONDS_BUDGET:.0f} s)"
        print(line)
        results.append((size, seconds))
    for (n0, t0), (n1, t1) in zip(results, results[1:], strict=False):
        nlogn = (n1 * math.log(n1)) / (n0 * math.log(n0))
        good = t1 / t0 <= nlogn * GROWTH_SLACK
        ok = ok and good
        print(
            f"{'ok  ' if good else 'OVER'} {n0:,} -> {n1:,}: time x{t1 / t0:.2f}, "
            f"n log n x{nlogn:.2f}, linear x{n1 / n0:.2f}"
        )
    print(f"budget: <= {SECONDS_BUDGET:.0f} s at 100,000; growth <= n log n x {GROWTH_SLACK}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
