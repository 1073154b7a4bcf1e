"""The table of commands agrees with the command modules, and the start stays light."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import app.cli as cli_package
from app.cli import build_parser
from app.cli.command_table import COMMANDS, command_help
from tests.acec_process import acec_env, run_acec

RUN_ONLY = {"app.cli.context", "app.logging_setup", "app.running_copy", "logging.handlers"}
HEAVY = ("sqlalchemy", "openpyxl", "xlsxwriter", "python_calamine", "PySide6", "cryptography")


def _registered_by(module_name: str) -> dict[str, str | None]:
    """The top-level commands ``module_name`` adds, with their help lines."""
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    importlib.import_module(module_name).register(sub, lambda p: None)
    return {action.dest: action.help for action in sub._choices_actions}


def test_every_command_module_is_in_the_table_and_no_other_module() -> None:
    modules = {
        f"app.cli.{m.name}"
        for m in pkgutil.iter_modules(cli_package.__path__)
        if m.name.endswith("_commands")
    }
    assert modules == {command.module for command in COMMANDS}


def test_each_module_adds_exactly_the_commands_the_table_gives_it() -> None:
    for module in {command.module for command in COMMANDS}:
        expected = {c.name: command_help(c.name) for c in COMMANDS if c.module == module}
        assert _registered_by(module) == expected, module


def test_command_names_are_unique() -> None:
    names = [command.name for command in COMMANDS]
    assert len(names) == len(set(names))


def test_help_lists_every_command_with_its_line(tmp_path: Path) -> None:
    done = run_acec(tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    for command in COMMANDS:
        assert f"    {command.name}" in done.stdout
        assert command.help in done.stdout


def test_the_parser_for_one_command_parses_its_options_fully() -> None:
    args = build_parser("export").parse_args(["export", "--to", "sec", "--out", "p.xlsx"])
    assert args.command == "export"
    assert callable(args.func)


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_no_heavy_library(tmp_path: Path, option: str) -> None:
    probe = (
        "import contextlib, io, sys\n"
        "from app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main([{option!r}])\n"
        "print(status)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=acec_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    status, loaded = done.stdout.splitlines()
    assert status == "0"
    modules = set(loaded.split())
    tops = {name.split(".")[0] for name in modules}
    assert tops.isdisjoint(HEAVY), sorted(tops & set(HEAVY))
    assert "app.cli.command_table" in modules  # the probe saw the program's modules
    assert not any(name.endswith("_commands") for name in modules)
    # What runs a command (its context, the error log, the running-copy note) waits for one.
    assert modules.isdisjoint(RUN_ONLY), sorted(modules & RUN_ONLY)


def test_a_command_loads_only_its_own_module(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from app.cli import main\n"
        "main(['--db', sys.argv[1], 'stats'])\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('app.cli.'))))\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        env=acec_env(tmp_path),
        timeout=120,
        check=False,
    )
    commands, tops = (set(line.split()) for line in done.stdout.splitlines()[-2:])
    assert "app.cli.office_commands" in commands, done.stderr
    assert not commands & {"app.cli.sync_commands", "app.cli.report_commands"}
    # Counting records needs the database, not the spreadsheet writers.
    assert "sqlalchemy" in tops
    assert not tops & {"xlsxwriter", "openpyxl", "python_calamine", "PySide6"}
