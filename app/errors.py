"""Errors that carry a message a person can act on; every layer may raise them."""

from __future__ import annotations

from dataclasses import dataclass


class AcecError(Exception):
    """A refusal or failure whose message is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(AcecError):
    """The database cannot be opened, created, migrated or locked."""


class LockedError(StoreError):
    """Another running copy of the program has this database open."""


class NotFoundError(AcecError):
    """A record that should exist does not."""


class ReadOnlyError(AcecError):
    """A change to a record this site does not own."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record."""

    field: str
    message: str


class ValidationError(AcecError):
    """Values refused, with every problem named by field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class Cancelled(AcecError):
    """Raised by a progress callback when the user pressed Cancel.

    Long services call ``progress(done, total, message)`` now and then; the
    UI's callback raises this, and the service's transaction rolls back.
    """

    def __init__(self) -> None:
        super().__init__("cancelled")
