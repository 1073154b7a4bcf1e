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
_RECORDS = "app.cli.record_commands"
_LOCKS = "app.cli.lock_commands"
_TEMPLATE = "app.cli.template_commands"

COMMANDS: tuple[Command, ...] = (
    Command(
        "certificates",
        "app.cli.certificate_commands",
        N_("number and print an activity's certificates"),
    ),
    Command(
        "duplicates",
        "app.cli.duplicate_commands",
        N_("likely duplicates, with score and evidence"),
    ),
    Command(
        "link",
        "app.cli.duplicate_commands",
        N_("record that two records are one"),
    ),
    Command(
        "distinct",
        "app.cli.duplicate_commands",
        N_("record that two records are two"),
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
    Command(
        "review",
        "app.cli.review_commands",
        N_("the secretariat's review of the countries' records"),
    ),
    Command("report", "app.cli.report_commands", N_("a report as PDF or Excel")),
    Command("edit", _RECORDS, N_("change fields of one of this office's records")),
    Command("delete", _RECORDS, N_("delete one of this office's records")),
    Command("lock", _LOCKS, N_("lock a country's year (at the joint secretariat)")),
    Command("unlock", _LOCKS, N_("lift the lock of a country's year")),
    Command("exception", _LOCKS, N_("let one record of a locked year change")),
    Command("template", _TEMPLATE, N_("write a blank Excel template for bulk entry")),
    Command("import-template", _TEMPLATE, N_("validate, preview and import a filled template")),
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
