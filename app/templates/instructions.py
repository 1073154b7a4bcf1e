"""The instruction sheet of a template, in the user's language."""

from __future__ import annotations

from app.i18n import _
from app.models import model_of


def instruction_lines(kind: str, activity_title: str | None) -> list[str]:
    """The lines of the instruction sheet, a title first."""
    plural = _(model_of(kind).__plural__)
    lines = [_("ACEC Tracker template: {kind}").format(kind=plural), ""]
    if activity_title:
        lines.append(
            _(
                "This is the registration list of the activity “{activity}”: each row is a "
                "person and their part in it."
            ).format(activity=activity_title)
        )
    lines += [
        _("How to fill it in:"),
        _(
            "1. Fill one row per record on the sheet “{sheet}”, below the two grey example rows."
        ).format(sheet=plural),
        _(
            "2. Columns marked * are required. Point at a column's header to read what it "
            "means and how to write it."
        ),
        _(
            "3. Coded columns offer a list to choose from; a code, or a name in English, Chinese "
            "or the national language, is read too."
        ),
        _(
            "4. Write dates as 2012-03-05 or use date cells; 05/03/2012 is read in your "
            "language's order, and refused when it could be either day or month."
        ),
        _(
            "5. Leave “Record id” empty for new records. To correct a record of your office, put "
            "its record id there."
        ),
        _("6. The grey example rows are never imported; you may delete them."),
        _(
            "7. You may reorder the columns or translate the headers; keep the hidden third row "
            "as it is: it tells the program what each column is."
        ),
        "",
        _(
            "Import: in ACEC Tracker choose “Import template…” (or drop the file on the window), "
            "or run: acec import-template FILE.xlsx"
        ),
        _(
            "The import shows first what it would add, change or refuse, with the sheet, row "
            "and column of every problem, and changes nothing until everything is right."
        ),
    ]
    return lines
