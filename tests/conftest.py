"""Shared fixtures: a fresh temporary database per test, Qt offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the per-user data folder (error log, default database) inside the test run.
os.environ.setdefault(
    "XDG_DATA_HOME", str(Path(os.environ.get("TMPDIR", "/tmp")) / "acec-test-data")
)

from app.i18n import set_locale  # noqa: E402
from app.services.office import init_office  # noqa: E402
from app.store import Database  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run long checks too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="long check: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_locale("en")
    yield
    set_locale("en")


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator:
    """Factory: ``make_db("VN")`` creates a fresh office database under tmp_path."""
    opened: list[Database] = []

    def factory(site: str = "VN", name: str | None = None) -> Database:
        db = init_office(tmp_path / f"{site.lower()}-{len(opened)}.sqlite", site, name)
        opened.append(db)
        return db

    yield factory
    for db in opened:
        db.close()


@pytest.fixture
def db(make_db) -> Database:
    """A fresh Viet Nam office database."""
    return make_db("VN")


@pytest.fixture
def sec_db(make_db) -> Database:
    """A fresh joint-secretariat database."""
    return make_db("SEC")
