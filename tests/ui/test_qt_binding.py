"""The Qt binding itself: a release that leaks or drops references is refused here."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont


def test_void_calls_keep_none_alive() -> None:
    # PySide6 6.12.0 decremented None's count on every call returning nothing;
    # Python 3.11 aborts when it reaches zero.
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setBold(True)
    assert sys.getrefcount(None) >= before - 10
