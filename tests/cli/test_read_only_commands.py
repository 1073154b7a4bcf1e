"""The commands the README says only read change not one byte of the database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.cli import main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sec") / "sec.sqlite"
    assert main(["--db", str(path), "init", "--site", "SEC"]) == 0
    assert main(["--db", str(path), "demo", "--size", "300"]) == 0
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["--json", "stats"],
        ["review", "list"],
        ["duplicates"],
        ["duplicates", "--kind", "organisation"],
        ["template", "people", "--out", "{tmp}/people.xlsx"],
    ],
    ids=" ".join,
)
def test_reading_commands_write_nothing(office: Path, tmp_path: Path, command: list[str]) -> None:
    before = _digest(office), sorted(p.name for p in office.parent.iterdir())
    argv = [part.replace("{tmp}", str(tmp_path)) for part in command]
    assert main(["--db", str(office), *argv]) == 0
    after = _digest(office), sorted(p.name for p in office.parent.iterdir())
    assert after == before
