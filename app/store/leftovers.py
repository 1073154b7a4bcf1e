"""At open: remove what a killed export or import left behind, and say so where it matters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.i18n import _
from app.logging_setup import log_notice
from app.models import PackageLog
from app.store.unfinished import journal_path, remove_unfinished

if TYPE_CHECKING:
    from app.store.database import Database

PARTIAL_PACKAGE = ".partial.xlsx"


def remove_leftovers(db: Database) -> None:
    """Remove the unfinished files listed for ``db`` (its lock held); note what was removed.

    A backup an applied import's log entry names is finished, whatever the
    list says (the program may have stopped just after committing): kept.
    """
    if not journal_path(db.path).exists():
        return  # the usual case: nothing was left unfinished, and no query
    with db.read_session() as session:
        details = [d for d in session.scalars(select(PackageLog.detail)) if d]

    def named_by_the_log(path: Path) -> bool:
        quoted = json.dumps(str(path), ensure_ascii=False)[1:-1]
        return any(quoted in detail for detail in details)

    for path in remove_unfinished(db.path, keep=named_by_the_log):
        if path.name.endswith(PARTIAL_PACKAGE):
            intended = path.with_name(path.name[: -len(PARTIAL_PACKAGE)] + ".xlsx")
            notice = _(
                "The export to {file} was cut off before it finished; its unfinished file "
                "{partial} was removed. Export again if you still need that package."
            ).format(file=intended, partial=path.name)
            db.notices.append(notice)
        else:
            notice = _("Removed {path}, left unfinished by an export or import cut off.").format(
                path=path
            )
        log_notice(notice)
