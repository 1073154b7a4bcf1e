"""Keep ``None`` alive under PySide6 6.12.0 on CPython 3.11.

PySide6 6.12.0 returns ``None`` from every void method (``QFont.setBold``,
``QTextCursor.insertText``, ...) without taking a reference to it, so each
call drops None's reference count by one; after a few thousand calls the
interpreter aborts ("none_dealloc: deallocating None"). PySide6 6.11.3 does
not do this, and from CPython 3.12 on None is immortal. Until the dependency
is pinned away from 6.12.0, the renderers raise None's count far out of reach.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40
_done = False


def keep_none_alive() -> None:
    """Give None a reserve of references (once per process; CPython < 3.12 only)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    _done = True
