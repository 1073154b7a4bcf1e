"""What each template column means, whether it is required and how to fill it: the header comments."""

from __future__ import annotations

from app.i18n import _
from app.templates.layout import EXAMPLE_KEY, UID_KEY, TemplateColumn

_REF_HOW = {
    "organisation": "the organisation's name as recorded in ACEC Tracker, or its record id",
    "plan_item": "choose the plan item from the list (its code, e.g. 2.5, is enough)",
    "activity": "the activity's title as recorded in ACEC Tracker, or its record id",
    "person": "the person's name as recorded in ACEC Tracker, or their record id",
}


def _how(column: TemplateColumn) -> str:
    spec = column.spec
    if spec.type == "ref" and spec.ref in _REF_HOW:
        return _(_REF_HOW[spec.ref])
    if spec.type == "date":
        return _("a date: 2012-03-05, a date cell, or day and month in your language's order")
    if spec.type in ("money", "decimal"):
        return _("a number, e.g. 25,000.50; separators and a currency sign are allowed")
    if spec.name == "birth_year":
        return _("the year the person was born, e.g. 1980 (it tells apart two people of one name)")
    if spec.type == "int":
        return _("a whole number, e.g. 2012")
    if spec.type == "bool":
        return _("Yes or No")
    if spec.type == "codes":
        return _("country names or codes, separated by commas")
    if spec.type == "code":
        return _("choose from the list (a code or a name in another language is read too)")
    if spec.max_length:
        return _("text, at most {n} characters").format(n=spec.max_length)
    return _("text")


def column_note(column: TemplateColumn) -> str:
    """The comment on a column's header."""
    if column.key == EXAMPLE_KEY:
        return _(
            "Rows with anything in this column are examples: they are never imported. "
            "Leave it empty in the rows you fill."
        )
    if column.key == UID_KEY:
        return _(
            "Leave empty to add a new record. To correct a record of this office, "
            "put its record id here (as exported from ACEC Tracker)."
        )
    need = _("Required.") if column.spec.required else _("Optional.")
    return "{label}\n{need}\n{how}".format(
        label=_(column.spec.label), need=need, how=_("Format: {how}.").format(how=_how(column))
    )
