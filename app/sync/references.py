"""References in a package must point at a record in the package or already here."""

from __future__ import annotations

from app.i18n import _
from app.models import model_of
from app.store import Database
from app.sync.errors import Located
from app.sync.layout import Column
from app.sync.merge import stored_versions
from app.sync.package_reader import SheetContent
from app.sync.preview import ImportPreview

RefColumns = dict[str, list[tuple[int, Column]]]


def _references_from_outside(
    contents: dict[str, SheetContent], ref_columns: RefColumns
) -> dict[str, set[str]]:
    """Per target kind, the ids referred to that the package itself does not carry."""
    in_package = {kind: {r.uid for r in c.records} | c.refused_uids for kind, c in contents.items()}
    wanted: dict[str, set[str]] = {}
    for kind, content in contents.items():
        for i, col in ref_columns[kind]:
            target = col.spec.ref
            assert target is not None
            local = in_package.get(target, set())
            bucket = wanted.setdefault(target, set())
            bucket.update(
                uid
                for uid in (record[i] for record in content.records)
                if uid is not None and uid not in local
            )
    return wanted


def _not_stored(db: Database, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """Of the ids wanted per kind, those this database does not hold either."""
    missing: dict[str, set[str]] = {}
    with db.read_session() as session:
        for target, uids in wanted.items():
            if uids:
                missing[target] = uids - set(stored_versions(session, target, uids))
    return missing


def _report_dangling(
    content: SheetContent, i: int, col: Column, gone: set[str], preview: ImportPreview
) -> None:
    """One problem per row of ``content`` whose column ``col`` points at an id in ``gone``."""
    sheet = preview.sheet(content.kind)
    letter = content.letters.get(col.key, "?")
    target = _(model_of(col.spec.ref or content.kind).__label__).lower()
    for record, number in zip(content.records, content.rows, strict=True):
        if record[i] in gone:
            preview.add_problem(
                Located(
                    _("{field}: no {target} with id {uid} in the package or here").format(
                        field=_(col.spec.label), target=target, uid=record[i]
                    ),
                    content.title,
                    number,
                    f"{letter} ({col.header})",
                )
            )
            if sheet is not None:
                sheet.refused += 1


def check_references(
    db: Database, contents: dict[str, SheetContent], preview: ImportPreview
) -> None:
    """Report every reference to a record neither in the package nor in the database."""
    ref_columns: RefColumns = {
        kind: [(i, col) for i, col in enumerate(c.columns) if col.spec.ref and i > 0]
        for kind, c in contents.items()
    }
    missing = _not_stored(db, _references_from_outside(contents, ref_columns))
    if not any(missing.values()):
        return
    for kind, content in contents.items():
        for i, col in ref_columns[kind]:
            gone = missing.get(col.spec.ref or "", set())
            if gone:
                _report_dangling(content, i, col, gone, preview)
