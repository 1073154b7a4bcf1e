"""The choices a template offers in a coded column's drop-down list, in the user's language."""

from __future__ import annotations

from app.i18n import _
from app.models.codes import codes_of, label_of
from app.templates.layout import TemplateColumn


def choices_for(column: TemplateColumn, plan_items: list[str]) -> list[str]:
    """The labels offered for ``column`` (none for a free column)."""
    spec = column.spec
    if spec.type == "code" and spec.codes:
        if spec.codes == "currency":
            return list(codes_of("currency"))
        return [label_of(spec.codes, code) for code in codes_of(spec.codes)]
    if spec.type == "bool":
        return [_("Yes"), _("No")]
    if spec.type == "ref" and spec.ref == "plan_item":
        return list(plan_items)
    return []
