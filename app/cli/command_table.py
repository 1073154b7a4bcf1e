"""Every command's name, the module that defines it and its one-line help.

The one place that knows which module holds which command: ``acec --help``
lists the commands from here without importing any of them, and a command
run loads only its own module (the database and spreadsheet libraries stay
out of ``acec --version``). Each module takes its help line from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import N_, _


@dataclass(frozen=True)
class Command:
    name: str
    module: str  # the module whose ``register`` adds this command
    help: str  # untranslated; ``command_help`` translates it


_OFFICE = "app.cli.office_commands"
_SYNC = "app.cli.sync_commands"

COMMANDS: tuple[Command, ...] = (
    Command(
        "certificates",
        "app.cli.certificate_commands",
        N_("number and print an activity's certificates"),
    ),
    Command("keys", "app.cli.key_commands", N_("this site's key fingerprint")),
    Command("init", _OFFICE, N_("create an office database")),
    Command("demo", _OFFICE, N_("add realistic demo records")),
    Command("dump", _OFFICE, N_("every record as canonical JSON")),
    Command("stats", _OFFICE, N_("count the records")),
    Command("check", _OFFICE, N_("check the database's integrity")),
    Command(
        "rates",
        "app.cli.rates_commands",
        N_("the yearly exchange rates to the US dollar (US$ for one unit)"),
    ),
    Command("report", "app.cli.report_commands", N_("a report as PDF or Excel")),
    Command("export", _SYNC, N_("write a sync package")),
    Command("import", _SYNC, N_("validate, preview and apply a sync package")),
    Command("restore", _SYNC, N_("undo the last import from its backup")),
    Command("receipt", _SYNC, N_("write a receipt for the packages that arrived")),
)

_BY_NAME = {command.name: command for command in COMMANDS}


def command_named(name: str) -> Command | None:
    return _BY_NAME.get(name)


def command_help(name: str) -> str:
    """The translated one-line help of the command ``name``."""
    return _(_BY_NAME[name].help)
