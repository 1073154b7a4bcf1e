"""What the import notes about a package's number and its sender's receipt.

Kept apart from ``importer.py`` so that the import reads as before: one check
while preparing (the receipt is readable, the package not already applied),
one note inside the import's transaction, one note when a package is refused.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.store import Database
from app.sync.manifest import Manifest
from app.sync.preview import ImportPreview
from app.sync.receipts import statement_about, store_statement
from app.sync.sequences import check_not_replayed, note_arrival, outcome_of


def check_arrival(db: Database, manifest: Manifest) -> None:
    """``PackageRefused`` when the sender's receipt is unreadable or the package was applied."""
    statement_about(manifest, db.site)
    with db.read_session() as session:
        check_not_replayed(session, manifest)


def record_arrival(session: Session, site: str, manifest: Manifest, preview: ImportPreview) -> None:
    """Inside the import's transaction: note the package applied, keep the sender's receipt."""
    statement = statement_about(manifest, site)
    if statement is not None:
        store_statement(session, manifest.sender, statement)
    note_arrival(session, manifest, outcome_of(manifest, preview, "applied"))


def record_refusal(db: Database, manifest: Manifest, preview: ImportPreview) -> None:
    """Note a numbered package refused, so the sender is told why (nothing else changes)."""
    with db.session() as session:
        note_arrival(session, manifest, outcome_of(manifest, preview, "refused"))


__all__ = ["check_arrival", "record_arrival", "record_refusal"]
