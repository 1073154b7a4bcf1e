"""Offices that trust each other's keys, and packages carried between them."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

from app.services.dump import dump_json
from app.store import Database, check_database
from app.store.site_keys import own_key_info
from app.sync.export import export_package
from app.sync.importer import ImportResult, import_package
from app.sync.signing import pin_key

LONG = os.environ.get("ACEC_LONG_PROOFS", "") not in ("", "0")


def examples(short: int, long: int) -> settings:
    """Seeded hypothesis settings: ``short`` examples in CI, ``long`` with the long-run flag."""
    return settings(
        max_examples=long if LONG else short,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


def trust_each_other(*dbs: Database) -> None:
    """Pin every office's key at every other office, as officers would after a phone call."""
    keys = [own_key_info(db) for db in dbs]
    for db in dbs:
        with db.session() as session:
            for key in keys:
                if key.site != db.site:
                    pin_key(session, key.site, key.public_key)


def send(src: Database, dst: Database, path: Path, *, full: bool = False) -> ImportResult:
    """Export from ``src`` for ``dst`` and import it there (keys already trusted)."""
    export_package(src, path, to=dst.site, full=full)
    return import_package(dst, path)


def dump(db: Database) -> str:
    """The canonical dump, which is what "the same data" means."""
    return dump_json(db)


def assert_sound(db: Database) -> None:
    """SQLite's integrity and foreign-key checks pass."""
    result = check_database(db)
    assert result.ok, (result.integrity, result.foreign_keys)
