"""Import a rates sheet: a simple .xlsx with year, currency and rate columns.

The file comes from outside, so it passes the same hostile-file guard as a
sync package before a spreadsheet library reads it; every row is checked
before anything changes; the database is backed up; all rates are set in
one transaction (``exchange_rates.set_rates``). Nothing changes when any row
is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import _, ngettext
from app.services.exchange_rates import (
    RateChange,
    SetRatesResult,
    change_problems,
    count_changes,
    refuse_unless_secretariat,
    set_rates,
)
from app.store import Database
from app.sync.errors import Located, PackageRefused
from app.sync.guard import check_package_file
from app.sync.layout import column_letter
from app.sync.package_reader import PackageFile

HEADERS = ("year", "currency", "rate")
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class RatesImport:
    """What an import of a rates sheet found and did."""

    path: Path
    sheet: str
    changes: list[RateChange]
    counts: SetRatesResult
    applied: bool
    backup: Path | None = None


def _header_names() -> dict[str, str]:
    """Header text (lower case, English or translated) -> column meaning."""
    names = {h: h for h in HEADERS}
    names |= {_("Year").lower(): "year", _("Currency").lower(): "currency"}
    names[_("Rate").lower()] = "rate"
    return names


def _find_columns(header: list[Any], sheet: str) -> dict[str, int]:
    names = _header_names()
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(str(cell).strip().lower()) if cell is not None else None
        if key is not None and key not in found:
            found[key] = index
    missing = [h for h in HEADERS if h not in found]
    if missing:
        raise PackageRefused(
            _(
                "The first row of sheet {sheet} must name the columns year, currency and "
                "rate (US dollars for one unit); missing: {missing}."
            ).format(sheet=sheet, missing=", ".join(missing)),
            [Located(_("missing columns: {names}").format(names=", ".join(missing)), sheet, 1)],
        )
    return found


def read_rates_sheet(path: Path) -> tuple[str, list[RateChange]]:
    """The first sheet's rates, every row checked; ``PackageRefused`` naming every bad cell."""
    check_package_file(path)
    book = PackageFile(path)
    try:
        if not book.sheet_names:
            raise PackageRefused(_("{file} has no sheet.").format(file=path.name))
        sheet = book.sheet_names[0]
        rows = iter(book.iter_sheet(sheet))
        header = next(rows, [])
        where = _find_columns(list(header), sheet)
        changes: list[RateChange] = []
        problems: list[Located] = []
        seen: dict[tuple[int, str], int] = {}
        for number, row in enumerate(rows, start=2):
            values = {k: (row[i] if i < len(row) else None) for k, i in where.items()}
            if all(v in (None, "") for v in values.values()):
                continue  # a blank row
            change, name, problem = change_problems(
                values["year"], values["currency"], values["rate"]
            )
            if change is None:
                problems.append(Located(problem, sheet, number, column_letter(where[name])))
                continue
            key = (change.year, change.currency)
            if key in seen:
                problems.append(
                    Located(
                        _("{currency} {year} is also on row {row}").format(
                            currency=change.currency, year=change.year, row=seen[key]
                        ),
                        sheet,
                        number,
                    )
                )
                continue
            seen[key] = number
            changes.append(change)
    finally:
        book.close()
    if problems:
        raise PackageRefused(
            ngettext(
                "{file} was not imported: {n} row is wrong. Nothing was changed.",
                "{file} was not imported: {n} rows are wrong. Nothing was changed.",
                len(problems),
            ).format(file=path.name, n=len(problems)),
            problems[:MAX_PROBLEMS],
        )
    return sheet, changes


def import_rates_sheet(db: Database, path: Path, *, dry_run: bool = False) -> RatesImport:
    """Check a rates sheet, then (unless ``dry_run``) back up and set every rate in it."""
    refuse_unless_secretariat(db)
    path = Path(path)
    sheet, changes = read_rates_sheet(path)
    counts = count_changes(db, changes)
    if dry_run or counts.added + counts.changed == 0:
        return RatesImport(path, sheet, changes, counts, applied=False)
    backup = db.backup("rates")
    counts = set_rates(db, changes)
    return RatesImport(path, sheet, changes, counts, applied=True, backup=backup)
