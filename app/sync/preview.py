"""What an import would do, per sheet, and every problem found: the preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import _
from app.sync.errors import Located
from app.sync.signing import KeyCheck

MAX_LISTED_PROBLEMS = 500


@dataclass
class SheetPreview:
    """Counts for one record kind: what is new, newer, the same, older, refused or held back."""

    kind: str
    title: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    refused: int = 0
    withheld: int = 0  # held back from an import that is applied (see ``hold_back``)

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.older + self.not_imported

    @property
    def not_imported(self) -> int:
        """Records refused or held back: the officer's "Refused" column."""
        return self.refused + self.withheld

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sheet": self.title,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "older": self.older,
            "refused": self.refused,
            "withheld": self.withheld,
        }


@dataclass
class ImportPreview:
    """Everything the officer sees before deciding to import."""

    path: Path
    package_id: str
    sender: str
    recipient: str
    created: str
    schema_version: int
    full: bool
    sheets: list[SheetPreview] = field(default_factory=list)
    problems: list[Located] = field(default_factory=list)
    problem_count: int = 0
    # Records not imported although the rest of the package is, each with why.
    withheld: list[Located] = field(default_factory=list)
    key: KeyCheck | None = None
    # Not problems: the package is accepted, but the officer should know
    # (e.g. an office whose clock runs far ahead).
    warnings: list[str] = field(default_factory=list)
    # False when the file was opened and saved again after export (its
    # content may still be intact: the signature decides that).
    as_exported: bool = True

    @property
    def refused(self) -> bool:
        """True when the package cannot be imported as it is."""
        return self.problem_count > 0

    @property
    def needs_confirmation(self) -> bool:
        """True when the officer must confirm the sender's key fingerprint first."""
        return self.key is not None and self.key.status == "confirm"

    @property
    def changes(self) -> int:
        """Records that importing would add or update."""
        return sum(s.new + s.updated for s in self.sheets)

    def add_problem(self, problem: Located) -> None:
        """Record a problem (only the first few hundred are kept for listing)."""
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)

    @property
    def file_note(self) -> str:
        """One line about the file itself, for the officer."""
        if self.refused:
            return ""
        if self.as_exported:
            return _("The file is exactly as it was exported.")
        return _("The file was opened and saved again since export; its content is unchanged.")

    def sheet(self, kind: str) -> SheetPreview | None:
        return next((s for s in self.sheets if s.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (for ``--json``)."""
        return {
            "file": str(self.path),
            "package_id": self.package_id,
            "sender": self.sender,
            "recipient": self.recipient,
            "created": self.created,
            "schema_version": self.schema_version,
            "full": self.full,
            "sheets": [s.to_dict() for s in self.sheets],
            "totals": {
                name: sum(getattr(s, name) for s in self.sheets)
                for name in ("new", "updated", "unchanged", "older", "refused", "withheld")
            },
            "problem_count": self.problem_count,
            "problems": [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message}
                for p in self.problems
            ],
            "withheld": [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message}
                | ({"kind": p.kind, "uid": p.uid} if p.uid else {})
                for p in self.withheld[:MAX_LISTED_PROBLEMS]
            ],
            "warnings": list(self.warnings),
            "as_exported": self.as_exported,
            "key": None
            if self.key is None
            else {"status": self.key.status, "fingerprint": self.key.fingerprint},
        }
