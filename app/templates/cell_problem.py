"""A problem at a cell of a filled template: where people read it, and the cell it marks."""

from __future__ import annotations

from dataclasses import dataclass

from app.sync.errors import Located


@dataclass(frozen=True)
class CellProblem(Located):
    """A located problem that also knows its cell's column letter (None: the whole row or sheet)."""

    letter: str | None = None
