"""What the Review page tells the user about a refused or failed change."""

from __future__ import annotations

from app.errors import AcecError, ValidationError
from app.i18n import _
from app.logging_setup import log_unexpected


def failure_text(exc: object) -> str:
    """What to tell the user about a refused or failed review; unexpected errors are logged."""
    if isinstance(exc, ValidationError):
        return _("Nothing was changed: {problems}").format(
            problems="; ".join(p.message for p in exc.problems[:5])
        )
    if isinstance(exc, AcecError):
        return exc.message
    if isinstance(exc, BaseException):
        return _("Unexpected error; details were written to {log}.").format(log=log_unexpected(exc))
    return str(exc)
