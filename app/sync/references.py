"""References in a package must point at a record in the package or already here."""

from __future__ import annotations

from app.i18n import _
from app.models import model_of
from app.store import Database
from app.sync.errors import Located
from app.sync.merge import stored_versions
from app.sync.package_reader import SheetContent
from app.sync.preview import ImportPreview


def check_references(
    db: Database, contents: dict[str, SheetContent], preview: ImportPreview
) -> None:
    """Report every reference to a record neither in the package nor in the database."""
    in_package = {kind: {r[0] for r in c.records} | c.refused_uids for kind, c in contents.items()}
    wanted: dict[str, set[str]] = {}
    ref_columns = {
        kind: [(i, col) for i, col in enumerate(c.columns) if col.spec.ref and i > 0]
        for kind, c in contents.items()
    }
    for kind, content in contents.items():
        for i, col in ref_columns[kind]:
            target = col.spec.ref
            assert target is not None
            local = in_package.get(target, set())
            bucket = wanted.setdefault(target, set())
            for record in content.records:
                uid = record[i]
                if uid is not None and uid not in local:
                    bucket.add(uid)
    missing: dict[str, set[str]] = {}
    with db.read_session() as session:
        for target, uids in wanted.items():
            if uids:
                found = stored_versions(session, target, uids)
                missing[target] = uids - set(found)
    if not any(missing.values()):
        return
    for kind, content in contents.items():
        sheet = preview.sheet(kind)
        for i, col in ref_columns[kind]:
            gone = missing.get(col.spec.ref or "", set())
            if not gone:
                continue
            letter = content.letters.get(col.key, "?")
            for record, number in zip(content.records, content.rows, strict=True):
                if record[i] in gone:
                    preview.add_problem(
                        Located(
                            _("{field}: no {target} with id {uid} in the package or here").format(
                                field=_(col.spec.label),
                                target=_(model_of(col.spec.ref or kind).__label__).lower(),
                                uid=record[i],
                            ),
                            content.title,
                            number,
                            f"{letter} ({col.header})",
                        )
                    )
                    if sheet is not None:
                        sheet.refused += 1
